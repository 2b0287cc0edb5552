using System.Globalization;
using Squad.Core;
using Squad.Core.Orchestration;
using Squad.Core.Tracking;
using Squad.Core.Verification;
using Squad.Storage;

namespace Squad.Cli;

/// <summary>
/// <c>squad heal MILESTONE</c>: the Healer's judgement of the milestone repository's main and, when it is red and the
/// cause may be tried again, the stub issue (the failure log, redacted and capped) filed in the milestone (a file in a
/// local milestone folder, an <c>issueCreate</c> in a Linear milestone) for the bug-fix squad that then runs on it.
/// </summary>
internal static class HealRun
{
    /// <summary>The verdict; when a fix squad starts or resumes, its <see cref="HealerVerdict.Issue"/> is the filed stub's identifier.</summary>
    public static async Task<HealerVerdict> ExamineAsync(MilestoneRunSettings settings, string reference, HealerOptions options, CancellationToken cancellationToken)
    {
        if (RunTarget.IsLocal(reference) && !Directory.Exists(reference))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot heal '{reference}': squad heal takes a local milestone folder (milestone.yml names the repository) or a Linear milestone URL, and there is no folder there");
        }

        using var host = CliHost.Open(settings.DataDirectory);
        var agents = CliHost.LoadAgents(settings.AgentsDirectory, settings.PromptsDirectory);
        using var target = await RunTarget.OpenAsync(host, new RunTargetRequest { Reference = reference, ConfigFile = settings.Request.ConfigFile, Repository = settings.Request.Repository }, agents, cancellationToken);
        var services = (host.CreateServices(agents, new NoModels("the Healer's judgement of main"), 1, new SilentProgress(), settings.Sandbox)
            with
        { Tracker = target.Tracker, CodeHost = target.CodeHost }).WithRedactedWrites();
        using var ledger = new SqliteHealerLedger(Path.Combine(host.DataDirectory, "squad.db"), host.Time);
        var milestone = target.Milestone;
        var healer = new Healer(services, ledger, options);
        var verdict = await healer.ExamineAsync(milestone.Repository, async issue =>
            await host.Store.GetSquadAsync(milestone.Key, issue, cancellationToken) is { } squad && SquadRunner.IsSettled(squad), cancellationToken);
        if (verdict.Kind is not (HealerVerdictKind.Start or HealerVerdictKind.Resume))
        {
            return verdict;
        }

        var creator = target.Tracker as IIssueCreator
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"cannot heal '{reference}': its tracker cannot file issues");
        return verdict with { Issue = await healer.FileAsync(milestone, verdict, creator, cancellationToken) };
    }

    /// <summary>
    /// The Healer on <paramref name="target"/>'s milestone with the default budget and cool-down, and the fix squad's run
    /// when it starts or resumes one: a sweep's <c>heal: true</c> and the GitHub webhook of <c>squad serve</c>.
    /// </summary>
    public static async Task<SweepHealing> HealAsync(
        MilestoneRunSettings settings, RunTargetRequest target, Func<Core.Domain.Milestone, bool, RunView> createView, CancellationToken cancellationToken)
    {
        var verdict = await ExamineAsync(settings with { Request = target }, target.Reference, new HealerOptions(), cancellationToken);
        var run = verdict.Kind is HealerVerdictKind.Start or HealerVerdictKind.Resume
            ? await MilestoneRun.ExecuteAsync(settings with { Request = target with { Issue = verdict.Issue }, BugFix = true, Concurrency = 1 }, createView, cancellationToken)
            : null;
        return new SweepHealing { Kind = verdict.Kind, Message = verdict.Message, Run = run };
    }

    /// <summary>The healer's lines of <c>squad status</c>.</summary>
    public static async Task<IReadOnlyList<HealerRecord>> ListAsync(CliHost host, CancellationToken cancellationToken)
    {
        using var ledger = new SqliteHealerLedger(Path.Combine(host.DataDirectory, "squad.db"), host.Time);
        return await ledger.ListAsync(cancellationToken);
    }

    public static string Line(HealerRecord record)
        => string.Create(CultureInfo.InvariantCulture, $"Healer: {record.Repository} cause {record.Signature}: {record.Attempts} attempt(s), the latest {record.LastIssue} at {record.LastAttemptAt:yyyy-MM-dd HH:mm} UTC: {record.Summary}");

    private sealed class SilentProgress : ISquadProgress
    {
        public void Report(string issueIdentifier, Core.Domain.SquadStep squadStep, string message)
        {
        }
    }
}
