using System.Collections.Concurrent;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Local.Forge;

/// <summary>
/// The embedded code host: bare repositories under <c>&lt;forge&gt;/repos</c> and pull requests,
/// reviews and comments in <c>&lt;forge&gt;/forge.db</c>. Safe for several squads of one process at once.
/// </summary>
public sealed class LocalForge : ICodeHost, IDisposable
{
    private readonly GitCli _git;
    private readonly ForgeRepositories _repositories;
    private readonly ForgeDatabase _database;
    private readonly ForgeStore _store;
    private readonly RepositoryImporter _importer;
    private readonly SquashMerger _merger;

    // One merge at a time per base branch in this process: a pull request is never squashed twice,
    // and squads of one process queue instead of racing. Other processes (or forge instances) on the
    // same folder still meet at the compare-and-swap of the base branch, which is what keeps them safe.
    private readonly ConcurrentDictionary<(string Repository, string BaseBranch), SemaphoreSlim> _mergeGates = new();

    // Pushes per repository in this process: the first and every 64th after it (MaintainEveryPushes) run `git gc --auto` in
    // the forge, which git's receive-pack no longer starts after each push (receive.autogc is off in a repository the forge imported).
    private readonly ConcurrentDictionary<string, MaintenanceTurns> _pushes = new(StringComparer.Ordinal);

    public LocalForge(string forgeDirectory, GitCli git, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(forgeDirectory);
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var root = Path.GetFullPath(forgeDirectory);
        _git = git;
        _repositories = new ForgeRepositories(root, git);
        _database = new ForgeDatabase(Path.Combine(root, "forge.db"));
        _store = new ForgeStore(_database, timeProvider);
        _importer = new RepositoryImporter(_repositories, git, timeProvider);
        _merger = new SquashMerger(git, timeProvider);
    }

    /// <summary>
    /// Creates the bare repository <paramref name="name"/> from a git work tree (its HEAD) or a plain
    /// folder (one import commit). Does nothing when the repository already exists.
    /// </summary>
    public Task<RepositoryInfo> ImportRepositoryAsync(string name, string sourceDirectory, string defaultBranch = "main", CancellationToken cancellationToken = default)
        => _importer.ImportAsync(name, sourceDirectory, defaultBranch, cancellationToken);

    public bool RepositoryExists(string name) => _repositories.Exists(name);

    /// <summary>The local forge is reached by path: git needs no credentials.</summary>
    public IReadOnlyDictionary<string, string> GitEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>The local forge runs no checks of its own: the merge gate's guardrails are the checks.</summary>
    public Task<ChecksResult> GetChecksAsync(string repository, string sha, CancellationToken cancellationToken = default)
        => Task.FromResult(ChecksResult.Passing("the local forge has no checks"));

    public Task<RepositoryInfo> GetRepositoryAsync(string repository, CancellationToken cancellationToken = default)
        => _repositories.DescribeAsync(repository, cancellationToken);

    /// <summary>The forge runs <c>git gc --auto</c> on a repository's first push in a process and every this many after.</summary>
    internal int MaintainEveryPushes { get; init; } = MaintenanceTurns.DefaultEvery;

    /// <summary>Pushes without force: a push that is not a fast-forward is refused, as on a protected branch.</summary>
    public async Task PushAsync(string repository, string worktreePath, string branch, CancellationToken cancellationToken = default)
    {
        var bare = _repositories.Require(repository);
        await _repositories.ValidateBranchAsync(branch, cancellationToken);
        // The open pull request of the branch, if any, has its ref moved by the same push, atomically with the branch
        // (one process; a `rev-parse` and an `update-ref` after it before). Its ref follows the branch whatever it held.
        var open = await _store.FindOpenByHeadAsync(repository, branch, cancellationToken);
        List<string> arguments = ["push", "--no-verify", "--quiet", "--atomic", bare, "HEAD:" + ForgeRepositories.BranchRef(branch)];
        if (open is not null)
        {
            arguments.Add("+HEAD:" + ForgeRepositories.PullRef(open.Number));
        }

        // --no-verify: hooks of a worktree that agents worked in must not run in the orchestrator.
        var result = await _git.TryRunAsync(worktreePath, arguments, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new SquadException(SquadErrorCode.Git,
                $"the local forge refused the push of {branch} to '{repository}' from {worktreePath}: {PushFailure(result.StandardError)}; a push must fast-forward the branch");
        }

        if (_pushes.GetOrAdd(repository, _ => new MaintenanceTurns(MaintainEveryPushes)).Next())
        {
            // What receive-pack did after every push: packs and prunes only past git's thresholds (gc.auto, gc.autoPackLimit),
            // else returns at once. In the foreground: no git of Squad's outlives the operation that started it.
            await _git.TryRunAsync(bare, ["-c", "gc.autoDetach=false", "gc", "--auto", "--quiet"], cancellationToken: cancellationToken);
        }

        if (open is not null)
        {
            await _store.TouchAsync(open.Id, cancellationToken);
        }
    }

    public async Task<PullRequest?> FindPullRequestAsync(string repository, string branch, CancellationToken cancellationToken = default)
    {
        var bare = _repositories.Require(repository);
        var row = await _store.FindNewestByHeadAsync(repository, branch, cancellationToken);
        return row is null ? null : await ToPullRequestAsync(bare, row, cancellationToken);
    }

    /// <summary>Opens a pull request, or returns the open one of the same head branch.</summary>
    public async Task<PullRequest> CreatePullRequestAsync(string repository, NewPullRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bare = _repositories.Require(repository);
        if (request.HeadBranch == request.BaseBranch)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"a pull request needs two branches; head and base are both {request.HeadBranch}");
        }

        var headSha = await RequireBranchAsync(bare, repository, request.HeadBranch, cancellationToken);
        var baseTip = await RequireBranchAsync(bare, repository, request.BaseBranch, cancellationToken);
        var mergeBase = await _git.TryRunAsync(bare, ["merge-base", baseTip, headSha], cancellationToken: cancellationToken);
        if (!mergeBase.Succeeded)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"{request.HeadBranch} and {request.BaseBranch} in '{repository}' share no history; branch from {request.BaseBranch}");
        }

        var (row, created) = await _store.CreateAsync(repository, request, mergeBase.StandardOutput.Trim(), cancellationToken);
        if (created)
        {
            await _git.RunAsync(bare, ["update-ref", ForgeRepositories.PullRef(row.Number), headSha], cancellationToken: cancellationToken);
        }

        return await ToPullRequestAsync(bare, row, cancellationToken);
    }

    public async Task<PullRequest> GetPullRequestAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        var bare = _repositories.Require(repository);
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        return await ToPullRequestAsync(bare, row, cancellationToken);
    }

    /// <summary>
    /// The commits of the pull request, oldest first. Besides the base recorded at creation, the
    /// current base tip is excluded too, so merging the base into the branch does not list the base's commits.
    /// </summary>
    public async Task<IReadOnlyList<PullRequestCommit>> ListCommitsAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        var bare = _repositories.Require(repository);
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        var head = await ResolveHeadAsync(bare, row, cancellationToken);
        List<string> arguments = ["log", "-z", "--reverse", CommitLogParser.Format, head, "^" + row.BaseSha];
        if (await _git.TryRevParseAsync(bare, ForgeRepositories.BranchRef(row.BaseBranch), cancellationToken) is { } baseTip)
        {
            arguments.Add("^" + baseTip);
        }

        arguments.Add("--");
        return CommitLogParser.Parse(await _git.RunAsync(bare, arguments, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Review>> ListReviewsAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        _repositories.Require(repository);
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        return await _store.ListReviewsAsync(row.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        _repositories.Require(repository);
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        return await _store.ListCommentsAsync(row.Id, cancellationToken);
    }

    /// <summary>Stores the verdict pinned to the named commit, which must be a full sha of a commit in the repository.</summary>
    public async Task<Review> SubmitReviewAsync(string repository, int number, ReviewSubmission review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var bare = _repositories.Require(repository);
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        var isFullSha = GitCli.IsObjectId(review.CommitSha);
        var found = isFullSha ? await _git.TryRevParseAsync(bare, review.CommitSha, cancellationToken) : null;
        if (found != review.CommitSha)
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"a review of pull request #{number} in '{repository}' names '{review.CommitSha}', which is not a commit of the repository; pin the review to the full sha of the head it judged");
        }

        return await _store.AddReviewAsync(row.Id, review, cancellationToken);
    }

    public async Task<PullRequestComment> CommentAsync(string repository, int number, Identity author, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        _repositories.Require(repository);
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        return await _store.AddCommentAsync(row.Id, author, body, cancellationToken);
    }

    /// <summary>The local forge has no merge queue of its own: Squad's queue is the only one.</summary>
    public Task<bool> HasMergeQueueAsync(string repository, string baseBranch, CancellationToken cancellationToken = default)
        => Task.FromResult(false);

    public async Task<MergeResult> MergeAsync(string repository, int number, MergeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bare = _repositories.Require(repository);
        var baseBranch = (await RequirePullRequestAsync(repository, number, cancellationToken)).BaseBranch;
        var gate = _mergeGates.GetOrAdd((repository, baseBranch), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await MergeExclusiveAsync(bare, repository, number, request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _mergeGates.Values)
        {
            gate.Dispose();
        }

        _database.Dispose();
    }

    private async Task<MergeResult> MergeExclusiveAsync(string bare, string repository, int number, MergeRequest request, CancellationToken cancellationToken)
    {
        // Read again under the gate: a merge that held it may have just merged this pull request.
        var row = await RequirePullRequestAsync(repository, number, cancellationToken);
        if (row.State != PullRequestState.Open)
        {
            var state = row.State == PullRequestState.Merged ? "already merged" : "closed";
            return MergeResult.Refused(MergeStatus.NotMergeable, $"pull request #{number} in '{repository}' is {state}");
        }

        var head = await _git.TryRevParseAsync(bare, ForgeRepositories.BranchRef(row.HeadBranch), cancellationToken);
        if (await _merger.FindMergedAsync(bare, row, cancellationToken) is { } landed)
        {
            // An earlier merge moved the base and died before recording it: record that one, do not squash again.
            return await RecordMergeAsync(bare, row, head ?? request.ExpectedHeadSha, landed, cancellationToken);
        }

        if (head is null)
        {
            return MergeResult.Refused(MergeStatus.NotMergeable, $"the head branch {row.HeadBranch} of pull request #{number} no longer exists");
        }

        if (!string.Equals(head, request.ExpectedHeadSha, StringComparison.OrdinalIgnoreCase))
        {
            return MergeResult.Refused(MergeStatus.HeadChanged, $"the head of pull request #{number} is {head}, not the approved {request.ExpectedHeadSha}; the new head needs its own reviews");
        }

        var result = await _merger.MergeAsync(bare, row, head, request, cancellationToken);
        if (result.Status != MergeStatus.Merged)
        {
            return result;
        }

        CrashPoint.Reach(CrashPoint.ForgeMergeMoved);
        return await RecordMergeAsync(bare, row, head, result.MergeCommitSha!, cancellationToken);
    }

    private async Task<MergeResult> RecordMergeAsync(string bare, PullRequestRow row, string head, string mergeCommitSha, CancellationToken cancellationToken)
    {
        await _store.MarkMergedAsync(row.Id, mergeCommitSha, cancellationToken);
        // The pull request's ref keeps what was merged, and the branch goes only if it still points there (a later push
        // must not vanish): one transaction when it does, the usual case; when it does not (or is gone), the ref alone.
        var pullRef = ForgeRepositories.PullRef(row.Number);
        var both = await _git.TryRunAsync(bare, ["update-ref", "--stdin", "-z"],
            $"update {pullRef}\0{head}\0\0delete {ForgeRepositories.BranchRef(row.HeadBranch)}\0{head}\0", cancellationToken: cancellationToken);
        if (!both.Succeeded)
        {
            await _git.RunAsync(bare, ["update-ref", pullRef, head], cancellationToken: cancellationToken);
        }

        return MergeResult.Merged(mergeCommitSha);
    }

    private async Task<PullRequestRow> RequirePullRequestAsync(string repository, int number, CancellationToken cancellationToken)
        => await _store.GetAsync(repository, number, cancellationToken)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"pull request #{number} does not exist in '{repository}' in the local forge");

    private async Task<string> RequireBranchAsync(string bare, string repository, string branch, CancellationToken cancellationToken)
    {
        await _repositories.ValidateBranchAsync(branch, cancellationToken);
        return await _git.TryRevParseAsync(bare, ForgeRepositories.BranchRef(branch), cancellationToken)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"branch {branch} does not exist in '{repository}' in the local forge; push it first");
    }

    /// <summary>An open pull request follows its branch; a merged or closed one keeps the head it ended with.</summary>
    private async Task<string> ResolveHeadAsync(string bare, PullRequestRow row, CancellationToken cancellationToken)
    {
        if (row.State == PullRequestState.Open
            && await _git.TryRevParseAsync(bare, ForgeRepositories.BranchRef(row.HeadBranch), cancellationToken) is { } live)
        {
            return live;
        }

        return await _git.RevParseAsync(bare, ForgeRepositories.PullRef(row.Number), cancellationToken);
    }

    private async Task<PullRequest> ToPullRequestAsync(string bare, PullRequestRow row, CancellationToken cancellationToken) => new()
    {
        Number = row.Number,
        Title = row.Title,
        Body = row.Body,
        HeadBranch = row.HeadBranch,
        BaseBranch = row.BaseBranch,
        HeadSha = await ResolveHeadAsync(bare, row, cancellationToken),
        State = row.State,
        Author = row.AuthorLogin,
        Url = $"local-forge://{row.Repository}/pull/{row.Number}",
        MergeCommitSha = row.MergeCommitSha,
    };

    /// <summary>git prints "To &lt;path&gt;" first; the reason is on the rejected or error line.</summary>
    private static string PushFailure(string standardError)
    {
        var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(line => line.StartsWith('!') || line.StartsWith("error:", StringComparison.Ordinal) || line.StartsWith("fatal:", StringComparison.Ordinal))
            ?? lines.LastOrDefault()
            ?? "git gave no reason";
    }
}
