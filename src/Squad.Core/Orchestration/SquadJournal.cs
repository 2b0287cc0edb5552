using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>
/// The one place where the order of a squad's durable writes is kept: steps, and outward effects (tracker comments,
/// labels and state moves, pull request comments). Each effect is named by a key and goes intent → effect → record:
/// the key is stored as pending, the effect is made, the key is stored as done. A key done is never made again; a key
/// still pending on resume (the process died after storing the intent) is first looked for where it would have landed
/// — every comment carries a hidden marker with its key — and made only when it is not there. The crash-test hook
/// (<see cref="CrashPoint"/>) stops at each of these boundaries.
/// </summary>
/// <remarks>
/// A writer's push stores the head it pushes first, so a resume finds the work already on the branch (see
/// <see cref="ResumePushedStepAsync"/>). The pull request and the merge are reconciled by the code host: the pull request
/// is found by its head branch, a merge by the pull request's state (and, in the local forge, by the trailer its squash
/// commit carries on the base branch).
/// </remarks>
internal sealed class SquadJournal(SquadSession session)
{
    /// <summary>The hidden marker a comment made under <paramref name="key"/> carries, so a resume can find it.</summary>
    public static string Marker(string issueIdentifier, string key) => $"<!-- squad-effect: {issueIdentifier}/{key} -->";

    /// <summary>Stores a completed step together with the passes that made it, and whatever else <paramref name="also"/> sets.</summary>
    public async Task CompleteStepAsync(SquadStep step, CancellationToken cancellationToken, Func<SquadRecord, SquadRecord>? also = null)
    {
        CrashPoint.Reach(CrashPoint.BeforeStep(step));
        await session.SaveWithPassesAsync(r => (also ?? (x => x))(r) with { Step = step > r.Step ? step : r.Step }, cancellationToken);
        CrashPoint.Reach(CrashPoint.AfterStep(step));
    }

    /// <summary>
    /// Pushes a writer's step and stores it: the head about to be pushed is stored as the intent, then the push, then the
    /// step with its passes (see <see cref="ResumePushedStepAsync"/>).
    /// </summary>
    public async Task PushStepAsync(SquadStep step, Func<Task> push, CancellationToken cancellationToken, Func<SquadRecord, SquadRecord>? also = null)
    {
        var key = PushKey(step, await HeadAsync(cancellationToken));
        await session.SaveAsync(r => r with { PendingEffects = [.. r.PendingEffects.Where(k => !k.StartsWith(PushKey(step, ""), StringComparison.Ordinal)), key] }, cancellationToken);
        await push();
        await CompleteStepAsync(step, cancellationToken, r => (also ?? (x => x))(r) with { PendingEffects = [.. r.PendingEffects.Where(k => k != key)] });
    }

    /// <summary>
    /// True when the process died after this step's push and before the step was stored: the branch the squad's work
    /// tree was made from holds the head stored as the intent, so the step is stored now, with the pass of
    /// <paramref name="role"/> that made it, instead of playing that pass again on work that is already there.
    /// </summary>
    public async Task<bool> ResumePushedStepAsync(SquadStep step, string role, CancellationToken cancellationToken)
    {
        var prefix = PushKey(step, "");
        if (session.Record.PendingEffects.FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal)) is not { } key
            || await HeadAsync(cancellationToken) != key[prefix.Length..])
        {
            return false;
        }

        session.NotePass(role);
        await CompleteStepAsync(step, cancellationToken, r => r with { PendingEffects = [.. r.PendingEffects.Where(k => k != key)] });
        return true;
    }

    /// <summary>
    /// A label, a state move or a link, once. These are idempotent by nature (setting a label or a state twice is
    /// harmless, a link to the same URL is one link), so one left pending is simply made again.
    /// </summary>
    public Task SetAsync(string key, Func<Task> effect, CancellationToken cancellationToken)
        => RunAsync(key, effect, found: null, cancellationToken);

    /// <summary>
    /// A comment on the squad's issue, once, after the <paramref name="label"/> it goes with (if any): a comment found
    /// means its label was set too.
    /// </summary>
    public Task CommentOnIssueAsync(string key, string body, CancellationToken cancellationToken, string? label = null)
    {
        var tracker = session.Services.Tracker;
        var marker = Marker(session.Id, key);
        return RunAsync(key, async () =>
        {
            if (label is not null)
            {
                await tracker.SetLabelAsync(session.Id, label, true, cancellationToken);
            }

            await tracker.CommentAsync(session.Id, body + "\n\n" + marker, cancellationToken);
        }, async () => (await tracker.ListCommentsAsync(session.Id, cancellationToken)).Any(c => c.Contains(marker, StringComparison.Ordinal)), cancellationToken);
    }

    /// <summary>A comment on the squad's pull request, once.</summary>
    public Task CommentOnPullRequestAsync(string key, int number, Identity author, string body, CancellationToken cancellationToken)
    {
        var host = session.Services.CodeHost;
        var repository = session.Repository.Name;
        var marker = Marker(session.Id, key);
        return RunAsync(key, () => host.CommentAsync(repository, number, author, body + "\n\n" + marker, cancellationToken),
            async () => (await host.ListCommentsAsync(repository, number, cancellationToken)).Any(c => c.Body.Contains(marker, StringComparison.Ordinal)),
            cancellationToken);
    }

    private static string PushKey(SquadStep step, string head) => $"push:{step}:{head}";

    private Task<string> HeadAsync(CancellationToken cancellationToken)
        => session.Services.Git.RevParseAsync(session.Workspace!.Path, "HEAD", cancellationToken);

    private async Task RunAsync(string key, Func<Task> effect, Func<Task<bool>>? found, CancellationToken cancellationToken)
    {
        if (session.Record.Effects.Contains(key))
        {
            return;
        }

        if (!session.Record.PendingEffects.Contains(key))
        {
            await session.SaveAsync(r => r with { PendingEffects = [.. r.PendingEffects, key] }, cancellationToken);
        }
        else if (found is not null && await found())
        {
            // Made before the process died, never recorded: record it now.
            await RecordAsync(key, cancellationToken);
            return;
        }

        CrashPoint.Reach(CrashPoint.BeforeEffect(key));
        await effect();
        CrashPoint.Reach(CrashPoint.AfterEffect(key));
        await RecordAsync(key, cancellationToken);
    }

    private Task RecordAsync(string key, CancellationToken cancellationToken)
        => session.SaveAsync(r => r with
        {
            Effects = [.. r.Effects, key],
            PendingEffects = [.. r.PendingEffects.Where(k => k != key)],
        }, cancellationToken);
}
