using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Guardrails on exactly one tree, in a fresh sandboxed copy with no git metadata, set up (with network) on base content
/// only: the merge queue's test of a merge result and post-merge verification. Their outcome is recorded by tree and rules
/// (<see cref="GuardrailResults"/>), so the same tree under the same rules is tested once.
/// </summary>
internal static class PristineGuardrails
{
    /// <param name="session">The squad, its configuration (the base branch's) and services.</param>
    /// <param name="workspaces">Where copies are made.</param>
    /// <param name="baseRevision">What set-up runs on: base content, never an agent's.</param>
    /// <param name="head">The commit or tree tested.</param>
    /// <param name="names">The commands, in order; the first failure stops them.</param>
    /// <param name="copyName">The copy's folder name.</param>
    /// <param name="what">How progress names the check when it reuses a result.</param>
    /// <param name="cancellationToken">Stops the commands.</param>
    /// <param name="step">The step progress reports a reused result under.</param>
    /// <param name="keep">Given the copy after the commands ran; true when the caller takes it over (and removes it later).</param>
    public static async Task<CommandOutcome?> RunAsync(SquadSession session, WorkspaceManager workspaces, string baseRevision, string head,
        IReadOnlyList<string> names, string copyName, string what, CancellationToken cancellationToken, SquadStep step = SquadStep.Merge,
        Func<Workspace, bool>? keep = null)
    {
        var services = session.Services;
        var (tree, setupTree) = await TreesAsync(session, workspaces, baseRevision, head, cancellationToken, step);
        var key = GuardrailResults.Key(tree, setupTree, names, session.Config, services.Sandbox.Info.Description);
        var (failure, reused) = await services.GuardrailResults.GetOrRunAsync(key, async () =>
        {
            var copy = await workspaces.CreateCopyAsync(session.Repository, baseRevision, head, copyName,
                SquadRunner.SetUpFor(session, cancellationToken, step), cancellationToken);
            var kept = false;
            try
            {
                var outcome = await RunStepsAsync(session, names, copy.Path, tree, setupTree, what, cancellationToken);
                kept = keep?.Invoke(copy) ?? false;
                return outcome;
            }
            finally
            {
                if (!kept)
                {
                    await workspaces.RemoveAsync(copy, CancellationToken.None);
                }
            }
        }, cancellationToken);
        if (reused)
        {
            var outcome = failure is null ? "passed" : $"'{failure.Name}' failed";
            await session.ReportAsync(step,
                $"{what}: tree {tree[..12]} already ran {string.Join(", ", names)} in the sandbox under the same rules ({outcome}): result reused, not run again", cancellationToken);
        }

        return failure;
    }

    /// <summary>
    /// What a copy set up on the base stands for when the repository has no set-up: its files are the head's tree whatever
    /// the base is, so no base is named in its key.
    /// </summary>
    internal const string NoSetupTree = "no-setup";

    /// <summary>
    /// The tree tested and the tree set-up runs on, which key every recorded result. Without set-up the base is not read
    /// (<see cref="NoSetupTree"/>): nothing of it reaches the copy, so it is not fetched either, and a tree tested on one
    /// base answers on another.
    /// </summary>
    /// <param name="session">The squad, its configuration and services.</param>
    /// <param name="workspaces">Where copies and set-ups are made.</param>
    /// <param name="baseRevision">What set-up runs on.</param>
    /// <param name="head">The commit or tree tested.</param>
    /// <param name="cancellationToken">Stops a set-up the key needs.</param>
    /// <param name="step">The step progress reports such a set-up under; the squad's stored step when not given.</param>
    public static async Task<(string Tree, string SetupTree)> TreesAsync(
        SquadSession session, WorkspaceManager workspaces, string baseRevision, string head, CancellationToken cancellationToken, SquadStep? step = null)
    {
        var setUp = session.Config.Setup.Count > 0;
        // Object ids whose trees were asked before need no fetch: an object id names the same tree for ever.
        if (KnownTree(head) is { } known && (!setUp || KnownTree(baseRevision) is not null))
        {
            return (known, setUp ? await SetupTreeAsync(session, workspaces, KnownTree(baseRevision)!, step, cancellationToken) : NoSetupTree);
        }

        if (!setUp)
        {
            // A head by its object id needs a fetch only when the clone lacks it (a squad's pushed commits were made in it).
            var holding = GitCli.IsObjectId(head)
                ? await workspaces.EnsureCloneHoldingAsync(session.Repository, head, cancellationToken)
                : await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
            return (await TreeOfAsync(session.Services, holding, head, cancellationToken), NoSetupTree);
        }

        var clone = await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
        var (tree, baseTree) = (await TreeOfAsync(session.Services, clone, head, cancellationToken), await TreeOfAsync(session.Services, clone, baseRevision, cancellationToken));
        return (tree, await SetupTreeAsync(session, workspaces, baseTree, step, cancellationToken));
    }

    /// <summary>
    /// What a copy's set-up on <paramref name="baseTree"/> stands for in a key: the identity of the outputs it writes when
    /// they are kept in this run (<see cref="SetupOutputs.IdentityAsync"/>): a copy is the head's files and those outputs,
    /// so a head tested on one base answers on another whose set-up writes the same (main moved by a change that touched
    /// no dependency); otherwise the base's tree itself.
    /// </summary>
    private static async Task<string> SetupTreeAsync(SquadSession session, WorkspaceManager workspaces, string baseTree, SquadStep? step, CancellationToken cancellationToken)
        => SquadRunner.SetUpFor(session, cancellationToken, step) is { } setUp && await workspaces.SetupIdentityAsync(session.Repository, baseTree, setUp, cancellationToken) is { } outputs
            ? "setup-outputs " + outputs
            : baseTree;

    /// <summary>
    /// A tree Squad's git just wrote into <paramref name="clone"/> (a work tree's <c>write-tree</c>, a <c>merge-tree</c>):
    /// its tree is itself and the clone holds it, so testing it asks git nothing before the copy.
    /// </summary>
    public static void NoteWrittenTree(WorkspaceManager workspaces, string clone, string tree)
    {
        if (!GitCli.IsObjectId(tree))
        {
            return;
        }

        workspaces.NoteWritten(clone, tree);
        if (TreesOfObjects.Count >= 10_000)
        {
            TreesOfObjects.Clear();
        }

        TreesOfObjects[tree] = tree;
    }

    private static string? KnownTree(string revision)
        => GitCli.IsObjectId(revision) && TreesOfObjects.TryGetValue(revision, out var tree) ? tree : null;

    /// <summary>
    /// The key of one command's recorded outcome on <paramref name="tree"/>: what a read-only role's identical command
    /// looks up (<see cref="GuardrailResults.AnswerStepAsync"/>).
    /// </summary>
    public static string StepKey(SquadSession session, string tree, string setupTree, string name)
        => GuardrailResults.Key(tree, setupTree, [name], session.Config, session.Services.Sandbox.Info.Description);

    /// <summary>
    /// The commands in order, stopping at the first failure; each outcome recorded for read-only roles while every command
    /// before it in the copy is one that changes no files (not an <c>after_write</c> command).
    /// </summary>
    private static async Task<CommandOutcome?> RunStepsAsync(
        SquadSession session, IReadOnlyList<string> names, string path, string tree, string setupTree, string what, CancellationToken cancellationToken)
    {
        var commands = session.Services.Commands(session.Config);
        var before = new List<string>();
        foreach (var name in names)
        {
            var outcome = Relative(await commands.RunAsync(name, path, cancellationToken), path);
            var eligible = !before.Any(session.Config.AfterWrite.Contains);
            await session.Services.GuardrailResults.RecordStepAsync(StepKey(session, tree, setupTree, name), eligible ? new RecordedCommand(outcome, tree, [.. before], what) : null, cancellationToken);

            if (!outcome.Succeeded)
            {
                return outcome;
            }

            before.Add(name);
        }

        return null;
    }

    /// <summary>
    /// The outcome with the copy's own folder left out of its output (paths relative to the repository root): a recorded
    /// result is read by whoever reuses it, in another folder, and the copy is gone by then.
    /// </summary>
    private static CommandOutcome Relative(CommandOutcome outcome, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(path);
        string Strip(string text) => text.Replace(root + "/", "", StringComparison.Ordinal).Replace(root, ".", StringComparison.Ordinal);
        return outcome with { Output = Strip(outcome.Output), FullOutput = Strip(outcome.FullOutput) };
    }

    /// <summary>
    /// The tree of a commit, or the tree itself: what a copy's files are. An object id always names the same tree, so its
    /// answer is kept (a squad asks for the same head's tree a dozen times); a name (a branch) is asked each time.
    /// </summary>
    private static async Task<string> TreeOfAsync(SquadServices services, string clone, string revision, CancellationToken cancellationToken)
    {
        var isObjectId = GitCli.IsObjectId(revision);
        if (isObjectId && TreesOfObjects.TryGetValue(revision, out var known))
        {
            return known;
        }

        var tree = (await services.Git.RunAsync(clone, ["rev-parse", "--verify", "--end-of-options", revision + "^{tree}"], cancellationToken: cancellationToken)).Trim();
        if (isObjectId)
        {
            if (TreesOfObjects.Count >= 10_000)
            {
                TreesOfObjects.Clear();
            }

            TreesOfObjects[revision] = tree;
        }

        return tree;
    }

    /// <summary>The trees of commits (and trees) by object id, as git answered them in this process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> TreesOfObjects = new(StringComparer.Ordinal);
}
