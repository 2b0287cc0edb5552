using System.Globalization;
using Squad.Core;
using Squad.Core.Orchestration;
using Squad.Core.Verification;
using Squad.Local.Tracking;
using Squad.Storage;

namespace Squad.Cli;

/// <summary>
/// <c>squad heal MILESTONE</c>: the Healer's judgement of the milestone repository's main and, when it is red and the
/// cause may be tried again, the stub issue (the failure log, redacted and capped) written into the milestone folder for
/// the bug-fix squad that <c>squad fix</c> runs.
/// </summary>
internal static class HealRun
{
    public static async Task<HealerVerdict> ExamineAsync(MilestoneRunSettings settings, string folder, HealerOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot heal '{folder}': squad heal takes a local milestone folder (milestone.yml names the repository), and there is none there");
        }

        using var host = CliHost.Open(settings.DataDirectory);
        var agents = CliHost.LoadAgents(settings.AgentsDirectory, settings.PromptsDirectory);
        using var target = await RunTarget.OpenAsync(host, new RunTargetRequest { Reference = folder }, agents, cancellationToken);
        var services = (host.CreateServices(agents, new NoModels("the Healer's judgement of main"), 1, new SilentProgress(), settings.Sandbox)
            with
        { Tracker = target.Tracker, CodeHost = target.CodeHost }).WithRedactedWrites();
        using var ledger = new SqliteHealerLedger(Path.Combine(host.DataDirectory, "squad.db"), host.Time);
        var milestone = target.Milestone;
        var verdict = await new Healer(services, ledger, options).ExamineAsync(milestone.Repository, async issue =>
            await host.Store.GetSquadAsync(milestone.Key, issue, cancellationToken) is { } squad && SquadRunner.IsSettled(squad), cancellationToken);
        if (verdict.Kind == HealerVerdictKind.Start)
        {
            WriteStub(folder, verdict);
        }

        return verdict;
    }

    /// <summary>The healer's lines of <c>squad status</c>.</summary>
    public static async Task<IReadOnlyList<HealerRecord>> ListAsync(CliHost host, CancellationToken cancellationToken)
    {
        using var ledger = new SqliteHealerLedger(Path.Combine(host.DataDirectory, "squad.db"), host.Time);
        return await ledger.ListAsync(cancellationToken);
    }

    public static string Line(HealerRecord record)
        => string.Create(CultureInfo.InvariantCulture, $"Healer: {record.Repository} cause {record.Signature}: {record.Attempts} attempt(s), the latest {record.LastIssue} at {record.LastAttemptAt:yyyy-MM-dd HH:mm} UTC: {record.Summary}");

    /// <summary>Written whole, over whatever a killed run left: the stub is a function of the stored attempt.</summary>
    private static void WriteStub(string folder, HealerVerdict verdict)
    {
        var title = verdict.Title!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var text = $"---\nidentifier: {verdict.Issue}\ntitle: \"{title}\"\nstate: todo\nlabels: [bug, squad:healer]\n---\n{verdict.Body}\n";
        var path = Path.Combine(folder, verdict.Issue + ".md");
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private sealed class SilentProgress : ISquadProgress
    {
        public void Report(string issueIdentifier, Core.Domain.SquadStep squadStep, string message)
        {
        }
    }
}
