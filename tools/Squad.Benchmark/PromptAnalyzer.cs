using Squad.Core.Domain;

namespace Squad.Benchmark;

/// <summary>
/// Input tokens and prefix reuse per role, from the captured requests of one run. A call's previous
/// request is the one before it in the same squad's conversation of that role; for the first call
/// of a role in a squad, it is the latest earlier request of that role in another squad (what a
/// provider's prompt cache would hold for the role). The run's very first call of a role has none.
/// </summary>
internal static class PromptAnalyzer
{
    private static readonly string[] Roles = [RoleNames.Qa, RoleNames.Developer, RoleNames.CodeReviewer, RoleNames.QaSpecialist];

    public static IReadOnlyList<RolePromptFigures> Analyze(IReadOnlyList<ModelCall> callsByStart)
    {
        var bySquad = new Dictionary<(string Issue, string Role), string>();
        var byRole = new Dictionary<string, string>(StringComparer.Ordinal);
        var measured = Roles.ToDictionary(r => r, _ => new List<MeasuredRequest>(), StringComparer.Ordinal);
        foreach (var call in callsByStart)
        {
            if (!measured.TryGetValue(call.Role, out var list))
            {
                continue;
            }

            var request = RequestSerializer.Serialize(call);
            var previous = bySquad.GetValueOrDefault((call.Issue, call.Role)) ?? byRole.GetValueOrDefault(call.Role);
            var reused = previous is null ? (int?)null : previous.AsSpan().CommonPrefixLength(request);
            list.Add(new MeasuredRequest { First = call.Turn == 1, Length = request.Length, Reused = reused });
            bySquad[(call.Issue, call.Role)] = request;
            byRole[call.Role] = request;
        }

        return [.. Roles.Where(r => measured[r].Count > 0).Select(r => Figures(r, measured[r]))];
    }

    private static RolePromptFigures Figures(string role, List<MeasuredRequest> calls)
    {
        var compared = calls.Where(c => c.Reused is not null).ToList();
        var firstCompared = compared.Where(c => c.First).ToList();
        return new RolePromptFigures
        {
            Role = role,
            Calls = calls.Count,
            InputTokens = Stat.Of(calls.Select(c => (double)Tokens(c.Length)), 0),
            FirstCallInputTokens = Stat.Of(calls.Where(c => c.First).Select(c => (double)Tokens(c.Length)), 0),
            PrefixReusePercent = Stat.Of(compared.Select(Share), 1),
            FirstCallPrefixReusePercent = firstCompared.Count > 0 ? Stat.Of(firstCompared.Select(Share), 1) : null,
            WeightedPrefixReusePercent = Math.Round(100.0 * compared.Sum(c => (long)c.Reused!.Value) / compared.Sum(c => (long)c.Length), 1, MidpointRounding.AwayFromZero),
        };
    }

    /// <summary>One token per four characters, rounded up: the scripted model's own estimate.</summary>
    public static long Tokens(long characters) => (characters + 3) / 4;

    private static double Share(MeasuredRequest call) => 100.0 * call.Reused!.Value / call.Length;
}
