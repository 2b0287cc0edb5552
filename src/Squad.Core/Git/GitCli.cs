using Squad.Core.Domain;

namespace Squad.Core.Git;

/// <summary>
/// git through its command line. Every call runs with a fixed, minimal environment: no global or
/// system configuration, no prompts, and no variables of the orchestrator (so no secrets). Squad's own git
/// never runs repository-controlled code: hooks, fsmonitor, pagers, editors, credential
/// helpers and signing are switched off on the command line, where no repository or clone config can
/// switch them back on (see <see cref="HardeningArguments"/>); every diff Squad reads passes <c>--no-ext-diff --no-textconv</c>.
/// </summary>
public sealed class GitCli
{
    private static readonly Dictionary<string, string> BaseEnvironment = CreateEnvironment();

    /// <summary>Runs git and throws <see cref="SquadException"/> when it fails.</summary>
    public async Task<string> RunAsync(string workingDirectory, IEnumerable<string> arguments, string? standardInput = null, IReadOnlyDictionary<string, string>? extraEnvironment = null, CancellationToken cancellationToken = default)
    {
        var args = arguments.ToList();
        var result = await TryRunAsync(workingDirectory, args, standardInput, extraEnvironment, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            var detail = result.StandardError.Trim();
            var firstLine = detail.Split('\n', 2)[0];
            throw new SquadException(SquadErrorCode.Git, $"git {string.Join(' ', args.Take(2))} failed in {workingDirectory}: {firstLine}");
        }

        return result.StandardOutput;
    }

    /// <summary>Runs git and gives its standard output as bytes (a blob's content); throws <see cref="SquadException"/> when it fails.</summary>
    public async Task<byte[]> RunBytesAsync(string workingDirectory, IReadOnlyList<string> arguments, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        var result = await TryRunAsync(workingDirectory, arguments, standardInput, null, outputBytes: true, cancellationToken);
        if (!result.Succeeded)
        {
            throw new SquadException(SquadErrorCode.Git, $"git {string.Join(' ', arguments.Take(2))} failed in {workingDirectory}: {result.StandardError.Trim().Split('\n', 2)[0]}");
        }

        return result.OutputBytes ?? [];
    }

    /// <summary>
    /// The objects <paramref name="specs"/> name (object ids, or <c>revision:path</c>), read in one <c>cat-file --batch</c>:
    /// each one's type and content as bytes, or null for a name the repository does not resolve. Throws
    /// <see cref="SquadException"/> when git fails or gives something else.
    /// </summary>
    public async Task<IReadOnlyList<GitObject?>> ReadObjectsAsync(string repository, IReadOnlyList<string> specs, CancellationToken cancellationToken = default)
    {
        var output = await RunBytesAsync(repository, ["cat-file", "--batch"], string.Concat(specs.Select(spec => spec + "\n")), cancellationToken);
        var objects = new GitObject?[specs.Count];
        var position = 0;
        for (var i = 0; i < specs.Count; i++)
        {
            // "OBJECT TYPE SIZE\n", the content, "\n"; "NAME missing\n" (or "ambiguous") for a name git does not resolve.
            var newline = output.AsSpan(position).IndexOf((byte)'\n');
            var header = newline < 0 ? "" : System.Text.Encoding.UTF8.GetString(output, position, newline);
            position += newline + 1;
            if (header == specs[i] + " missing" || header == specs[i] + " ambiguous")
            {
                continue;
            }

            var fields = header.Split(' ');
            if (newline < 0 || fields.Length != 3 || !int.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out var size)
                || size < 0 || position + size > output.Length)
            {
                throw new SquadException(SquadErrorCode.Git, $"git cat-file --batch in {repository} gave no object for {specs[i]}: {header}");
            }

            objects[i] = new GitObject(fields[1], output[position..(position + size)]);
            position += size + 1;
        }

        return objects;
    }

    /// <summary>Runs git and returns the result, failed or not.</summary>
#pragma warning disable CA1822 // An instance, so that callers hold one git and tests can see the seam.
    public Task<ProcessResult> TryRunAsync(
        string workingDirectory, IEnumerable<string> arguments, string? standardInput = null, IReadOnlyDictionary<string, string>? extraEnvironment = null,
        bool outputBytes = false, CancellationToken cancellationToken = default)
#pragma warning restore CA1822
    {
        var environment = BaseEnvironment;
        if (extraEnvironment is { Count: > 0 })
        {
            environment = new Dictionary<string, string>(BaseEnvironment);
            foreach (var (key, value) in extraEnvironment)
            {
                environment[key] = value;
            }
        }

        return ProcessRunner.RunAsync("git", [.. HardeningArguments, .. arguments], workingDirectory, environment, TimeSpan.FromMinutes(5), standardInput, outputBytes, cancellationToken);
    }

    /// <summary>
    /// Configuration given on every command line: it wins over every config file, so a planted
    /// <c>core.hooksPath</c>, <c>core.fsmonitor</c> or credential helper in a clone, a forge repository or a
    /// work tree's git directory runs nothing. <c>/dev/null</c> as the hooks folder makes every hook lookup fail.
    /// No automatic maintenance either (a commit started <c>git maintenance run --auto</c>, a process, after every one):
    /// the clone is maintained by its fetches (<see cref="MaintainedFetch"/>), which is where its objects come from.
    /// </summary>
    public static IReadOnlyList<string> HardeningArguments { get; } =
    [
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.fsmonitor=false",
        "-c", "core.untrackedCache=false",
        "-c", "core.pager=cat",
        "-c", "core.editor=true",
        "-c", "sequence.editor=true",
        "-c", "core.askPass=",
        "-c", "credential.helper=",
        "-c", "commit.gpgSign=false",
        "-c", "tag.gpgSign=false",
        "-c", "protocol.ext.allow=never",
        "-c", "submodule.recurse=false",
        "-c", "maintenance.auto=false",
    ];

    /// <summary>What a fetch that may run git's automatic maintenance is given before <c>fetch</c>: the last word on the setting.</summary>
    public static IReadOnlyList<string> MaintainedFetch { get; } = ["-c", "maintenance.auto=true"];

    /// <summary>The environment that makes <paramref name="author"/> both author and committer.</summary>
    public static IReadOnlyDictionary<string, string> AuthorEnvironment(Identity author) => new Dictionary<string, string>
    {
        ["GIT_AUTHOR_NAME"] = author.Name,
        ["GIT_AUTHOR_EMAIL"] = author.Email,
        ["GIT_COMMITTER_NAME"] = author.Name,
        ["GIT_COMMITTER_EMAIL"] = author.Email,
    };

    /// <summary>Whether <paramref name="revision"/> is a full object id (SHA-1 or SHA-256, lower-case hex): a name that never moves.</summary>
    public static bool IsObjectId(string revision) => revision.Length is 40 or 64 && revision.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// The commit <paramref name="revision"/> names (<c>rev-parse --verify REV^{commit}</c>); a branch or <c>HEAD</c> whose
    /// files name a commit git already answered is read without git (<see cref="LocalRefs"/>). Throws when there is none.
    /// </summary>
    public async Task<string> RevParseAsync(string workingDirectory, string revision, CancellationToken cancellationToken = default)
    {
        if (LocalRefs.TryCommit(workingDirectory, revision) is { } known)
        {
            return known;
        }

        var commit = (await RunAsync(workingDirectory, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken: cancellationToken)).Trim();
        LocalRefs.NoteCommit(commit);
        return commit;
    }

    /// <summary>As <see cref="RevParseAsync"/>, null when <paramref name="revision"/> names no commit.</summary>
    public async Task<string?> TryRevParseAsync(string workingDirectory, string revision, CancellationToken cancellationToken = default)
    {
        if (LocalRefs.TryCommit(workingDirectory, revision) is { } known)
        {
            return known;
        }

        var result = await TryRunAsync(workingDirectory, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            return null;
        }

        var commit = result.StandardOutput.Trim();
        LocalRefs.NoteCommit(commit);
        return commit;
    }

    /// <summary>
    /// Runs a read whose output depends only on objects that <paramref name="arguments"/> name by their ids (a commit's
    /// log, a diff between two commits): such an output does not change, so it is kept for the process and the same read
    /// asked again in the same folder (the other reviewer of a head, a later pass) runs no git. Kept per folder, not per
    /// object store: a work tree's own <c>.gitattributes</c>, which its agent writes, may change how a diff there reads,
    /// and that must not reach a read elsewhere. Only successes are kept, and only outputs under 256 KB, the last 512 of
    /// them. Reads with a name that moves (a branch, <c>HEAD</c>) must use <see cref="RunAsync"/>.
    /// </summary>
    public Task<string> RunPureAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
        => PureReads.GetAsync(
            workingDirectory + "\0" + string.Join('\0', arguments),
            () => RunAsync(workingDirectory, arguments, cancellationToken: CancellationToken.None),
            keep: output => output.Length <= MaxPureOutput,
            cancellationToken: cancellationToken);

    /// <summary>
    /// Runs a read of <paramref name="revisions"/> (named in <paramref name="arguments"/>): kept as <see cref="RunPureAsync"/>
    /// keeps it when every one is an object id, run each time when one is a name that moves.
    /// </summary>
    public Task<string> ReadRevisionsAsync(string workingDirectory, IReadOnlyList<string> arguments, IEnumerable<string> revisions, CancellationToken cancellationToken = default)
        => revisions.All(IsObjectId)
            ? RunPureAsync(workingDirectory, arguments, cancellationToken)
            : RunAsync(workingDirectory, arguments, cancellationToken: cancellationToken);

    private const int MaxPureOutput = 256 * 1024;

    private static readonly KeptAnswers<string> PureReads = new(512);

    /// <summary>
    /// Whether git takes <paramref name="refName"/> as a ref's full name (<c>check-ref-format</c>: no repository, only the
    /// name). Remembered per name for the process: the rules are git's own and the answer depends on the name alone, and
    /// every push and pull request of a squad asks for its branch again.
    /// </summary>
    public async Task<bool> IsValidRefNameAsync(string refName, CancellationToken cancellationToken = default)
    {
        if (ValidRefNames.TryGetValue(refName, out var known))
        {
            return known;
        }

        var result = await TryRunAsync(Path.GetTempPath(), ["check-ref-format", refName], cancellationToken: cancellationToken);
        var valid = result.Succeeded;
        if (!valid && result.ExitCode != 1)
        {
            return false; // git did not answer (killed, missing): not an answer to keep
        }

        if (ValidRefNames.Count >= 10_000)
        {
            ValidRefNames.Clear();
        }

        ValidRefNames[refName] = valid;
        return valid;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ValidRefNames = new(StringComparer.Ordinal);

    private static Dictionary<string, string> CreateEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_PAGER"] = "cat",
            ["GIT_NO_REPLACE_OBJECTS"] = "1",
            ["GIT_AUTHOR_NAME"] = "Squad",
            ["GIT_AUTHOR_EMAIL"] = "squad@squad.local",
            ["GIT_COMMITTER_NAME"] = "Squad",
            ["GIT_COMMITTER_EMAIL"] = "squad@squad.local",
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
        };
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}

/// <summary>A git object as <c>cat-file --batch</c> gives it: its type (<c>blob</c>, <c>tree</c>, ...) and content.</summary>
public sealed record GitObject(string Type, byte[] Content)
{
    /// <summary>The content as UTF-8 text, without a byte order mark.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Content.AsSpan().StartsWith("\uFEFF"u8) ? Content.AsSpan(3) : Content);
}
