using System.Globalization;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// The Healer loop's judgement of main: main's tip is verified (the base branch's <c>verify</c> commands in a fresh
/// sandboxed copy) and the code host's checks on it are read. When main is red, the failure's signature names the
/// cause; a cause gets a bug-fix squad (stub issue: the redacted, capped log) unless it used up its attempts or was
/// tried within the cool-down. The attempt is stored before the stub is written, so a killed run resumes it, never
/// counts it twice.
/// </summary>
public sealed class Healer(SquadServices services, IHealerLedger ledger, HealerOptions options)
{
    public const string IssuePrefix = "HEAL";

    /// <summary>The crash point between filing the stub issue and recording it in the ledger.</summary>
    public const string IssueFiled = "healer:issue-filed";

    private readonly WorkspaceManager workspaces = new(services.Git, services.Options.ClonesDirectory, services.Options.WorktreesDirectory, services.CodeHost.GitEnvironment, memory: services.Options.MemoryWorktrees);

    /// <param name="repositoryName">The repository whose default branch is judged.</param>
    /// <param name="isSettled">Whether the squad of a stub issue settled (merged, handed over...); false when it never ran or was killed.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    public async Task<HealerVerdict> ExamineAsync(string repositoryName, Func<string, Task<bool>> isSettled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isSettled);
        var repository = await services.CodeHost.GetRepositoryAsync(repositoryName, cancellationToken);
        var config = await workspaces.LoadBaseConfigAsync(repository, cancellationToken);
        var clone = await workspaces.EnsureCloneAsync(repository, cancellationToken);
        var tip = await services.Git.RevParseAsync(clone, $"refs/remotes/origin/{repository.DefaultBranch}", cancellationToken);
        var (command, exitCode, output) = await JudgeAsync(repository, config, tip, cancellationToken);
        if (command is null)
        {
            return new HealerVerdict { Kind = HealerVerdictKind.Green, Message = $"main of {repositoryName} is green at {tip[..12]}: nothing to heal" };
        }

        var signature = FailureSignature.Compute(command, output);
        var summary = $"'{command}' exits {exitCode} on {repository.DefaultBranch} at {tip[..12]}";
        var title = services.Redactor.Redact($"Main is red: '{command}' fails");
        var known = await ledger.GetAsync(repositoryName, signature, cancellationToken);
        if (known is not null && !await isSettled(known.LastIssue))
        {
            // The stub travels with a resume too: a run killed before it filed the stub files it now.
            return new HealerVerdict
            {
                Kind = HealerVerdictKind.Resume,
                Issue = known.LastIssue,
                Record = known,
                Title = title,
                Body = Body(repositoryName, tip, summary, signature, known.Attempts, output),
                Message = $"main is red ({summary}); resuming {known.LastIssue}, attempt {known.Attempts} of {options.MaxAttempts}",
            };
        }

        if (known is not null && known.Attempts >= options.MaxAttempts)
        {
            return new HealerVerdict { Kind = HealerVerdictKind.BudgetSpent, Record = known, Message = $"main is red ({summary}), the same cause as {known.LastIssue}; its {known.Attempts} attempts are used up: a person takes it (cause {signature})" };
        }

        var now = services.Time.GetUtcNow();
        if (known is not null && now < known.LastAttemptAt + options.CoolDown)
        {
            var until = (known.LastAttemptAt + options.CoolDown).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            return new HealerVerdict { Kind = HealerVerdictKind.CoolingDown, Record = known, Message = $"main is red ({summary}), the same cause as {known.LastIssue}; cooling down until {until} (attempt {known.Attempts} of {options.MaxAttempts})" };
        }

        var all = await ledger.ListAsync(cancellationToken);
        var issue = $"{IssuePrefix}-{all.Sum(r => r.Attempts) + 1}";
        var record = new HealerRecord
        {
            Repository = repositoryName,
            Signature = signature,
            Attempts = (known?.Attempts ?? 0) + 1,
            LastAttemptAt = now,
            LastIssue = issue,
            LastCommit = tip,
            Summary = services.Redactor.Redact(summary),
        };
        await ledger.SaveAsync(record, cancellationToken);
        CrashPoint.Reach("healer:attempt");
        return new HealerVerdict
        {
            Kind = HealerVerdictKind.Start,
            Issue = issue,
            Record = record,
            Title = title,
            Body = Body(repositoryName, tip, summary, signature, record.Attempts, output),
            Message = $"main is red ({summary}); starting a bug-fix squad on {issue}, attempt {record.Attempts} of {options.MaxAttempts}",
        };
    }

    /// <summary>
    /// Files the stub of a <see cref="HealerVerdictKind.Start"/> or <see cref="HealerVerdictKind.Resume"/> verdict in
    /// <paramref name="milestone"/> and returns the issue the fix squad runs on. Exactly once across kill -9: the attempt
    /// (the intent) is in the ledger before this runs; the stub carries a marker naming the attempt, so a rerun finds the
    /// issue it filed instead of filing a second; the filed identifier is then recorded in the ledger, and an attempt whose
    /// recorded issue is no longer a <c>HEAL-</c> placeholder is not filed again.
    /// </summary>
    public async Task<string> FileAsync(Domain.Milestone milestone, HealerVerdict verdict, Tracking.IIssueCreator creator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(creator);
        if (verdict.Issue is not { } placeholder || verdict.Record is not { } record || verdict.Title is null || verdict.Body is null)
        {
            throw new ArgumentException("only a verdict that starts or resumes a fix squad has a stub to file", nameof(verdict));
        }

        if (!placeholder.StartsWith(IssuePrefix + "-", StringComparison.Ordinal))
        {
            return placeholder;
        }

        var marker = $"<!-- squad:healer {placeholder} {record.Repository} cause {record.Signature} -->";
        var draft = new Tracking.IssueDraft
        {
            Identifier = placeholder,
            Title = verdict.Title,
            Body = verdict.Body + "\n\n" + marker,
            Marker = marker,
            Labels = ["bug", "squad:healer"],
        };
        var issue = await creator.CreateIssueAsync(milestone, draft, cancellationToken);
        CrashPoint.Reach(IssueFiled);
        if (!issue.Equals(placeholder, StringComparison.Ordinal))
        {
            await ledger.SaveAsync(record with { LastIssue = issue }, cancellationToken);
        }

        return issue;
    }

    private string Body(string repositoryName, string tip, string summary, string signature, int attempt, string output)
        => services.Redactor.Redact($"Main of {repositoryName} is red at {tip}: {summary}. Cause {signature}, attempt {attempt} of {options.MaxAttempts}.")
            + "\n\n" + FailureText.Fence(services.Redactor, output);

    /// <summary>The first failing verify command on <paramref name="tip"/>, else the code host's failing checks; null when green.</summary>
    private async Task<(string? Command, int ExitCode, string Output)> JudgeAsync(Forge.RepositoryInfo repository, Configuration.RepositoryConfig config, string tip, CancellationToken cancellationToken)
    {
        var commands = services.Commands(config);
        if (config.VerifyCommands.Count > 0)
        {
            var copy = await workspaces.CreateCopyAsync(repository, tip, tip, $"{IssuePrefix}-verify", async path =>
            {
                if (await commands.RunSetupAsync(path, cancellationToken) is { } setup)
                {
                    throw new SquadException(SquadErrorCode.InvalidInput, $"the repository's setup command '{setup.Name}' failed (exit {setup.ExitCode}) on {tip[..12]}");
                }
            }, cancellationToken);
            try
            {
                if (await commands.RunUntilFailureAsync(config.VerifyCommands, copy.Path, cancellationToken) is { } failure)
                {
                    return (failure.Name, failure.ExitCode, failure.Output);
                }
            }
            finally
            {
                await workspaces.RemoveAsync(copy, CancellationToken.None);
            }
        }

        var checks = await services.CodeHost.GetChecksAsync(repository.Name, tip, cancellationToken);
        return checks.State == Forge.ChecksState.Failing ? ("checks", 1, checks.Summary) : (null, 0, "");
    }
}
