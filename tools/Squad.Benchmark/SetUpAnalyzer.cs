using System.Diagnostics;
using Squad.Core.Domain;

namespace Squad.Benchmark;

/// <summary>Finds each squad's set-up in the timestamps of its intake and its model calls.</summary>
internal static class SetUpAnalyzer
{
    public static IReadOnlyList<SetUpSample> Analyze(IReadOnlyList<ModelCall> calls, ProgressRecorder progress)
    {
        var samples = new List<SetUpSample>();
        foreach (var squad in calls.Where(c => c.Pass == 1).GroupBy(c => c.Issue, StringComparer.Ordinal))
        {
            var byRole = squad.GroupBy(c => c.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var intake = progress.IntakeOf(squad.Key)
                ?? throw new InvalidOperationException($"{squad.Key} made model calls without reporting its intake");
            var qa = Require(byRole, RoleNames.Qa, squad.Key);
            var developer = Require(byRole, RoleNames.Developer, squad.Key);
            var reviewersStart = Math.Max(
                Require(byRole, RoleNames.CodeReviewer, squad.Key).Min(c => c.StartedAt),
                Require(byRole, RoleNames.QaSpecialist, squad.Key).Min(c => c.StartedAt));
            samples.Add(new SetUpSample
            {
                Issue = squad.Key,
                BeforeQa = Stopwatch.GetElapsedTime(intake, qa.Min(c => c.StartedAt)),
                BeforeDeveloper = Stopwatch.GetElapsedTime(qa.Max(c => c.EndedAt), developer.Min(c => c.StartedAt)),
                BeforeReviewers = Stopwatch.GetElapsedTime(developer.Max(c => c.EndedAt), reviewersStart),
            });
        }

        return samples;
    }

    private static List<ModelCall> Require(Dictionary<string, List<ModelCall>> byRole, string role, string issue)
        => byRole.TryGetValue(role, out var calls) && calls.Count > 0
            ? calls
            : throw new InvalidOperationException($"{issue}: the {role} made no model call in its first pass");
}
