using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Squad.Core.Configuration;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Never test the same thing twice: the outcome of guardrails run in a pristine sandboxed copy (git content only, set up
/// on base content, nothing an agent touched), keyed by what decides it: the tree tested, the tree the set-up ran on, the
/// command lines, the governing <c>.squad.yml</c> and the sandbox policy. The merge queue's test of a merge result and
/// the post-merge verification of the commit that landed it test the same tree under the same rules; the second reuses
/// the first and says so. Results from a work tree an agent wrote in never enter: only pristine copies are trusted.
/// </summary>
public sealed class GuardrailResults
{
    private readonly ConcurrentDictionary<string, CommandOutcome?> results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RecordedCommand> steps = new(StringComparer.Ordinal);

    /// <summary>How many guardrail runs (a list of commands in one pristine copy) were answered from a recorded result.</summary>
    public int Reused => reused;

    /// <summary>How many guardrail runs were made in a pristine copy.</summary>
    public int Ran => ran;

    /// <summary>How many commands ran in pristine copies (each command of each run made).</summary>
    public int CommandsRan => commandsRan;

    /// <summary>How many commands of read-only roles were answered from a recorded result instead of running.</summary>
    public int ReviewerCommandsReused => reviewerCommandsReused;

    private int reused;
    private int ran;
    private int commandsRan;
    private int reviewerCommandsReused;

    /// <summary>The key of running <paramref name="names"/> on <paramref name="tree"/> in a copy set up on <paramref name="setupTree"/>.</summary>
    internal static string Key(string tree, string setupTree, IReadOnlyList<string> names, RepositoryConfig config, string sandbox)
    {
        var text = new StringBuilder().Append(tree).Append('\n').Append(setupTree).Append('\n').Append(sandbox).Append('\n');
        foreach (var name in config.Setup)
        {
            text.Append("setup ").Append(name).Append('=').Append(config.Commands.GetValueOrDefault(name)).Append('\n');
        }

        foreach (var name in names)
        {
            text.Append("run ").Append(name).Append('=').Append(config.Commands.GetValueOrDefault(name)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The recorded outcome (null: all passed) under <paramref name="key"/>, or runs <paramref name="run"/> and records it.</summary>
    internal async Task<(CommandOutcome? Failure, bool Reused)> GetOrRunAsync(string key, Func<Task<CommandOutcome?>> run)
    {
        if (results.TryGetValue(key, out var recorded))
        {
            Interlocked.Increment(ref reused);
            return (recorded, true);
        }

        var outcome = await run();
        results[key] = outcome;
        Interlocked.Increment(ref ran);
        return (outcome, false);
    }

    /// <summary>
    /// Counts one command run in a pristine copy and records its outcome (when given: null when a command before it in the
    /// copy changed files); <paramref name="key"/> is <see cref="Key"/> of that command alone.
    /// </summary>
    internal void RecordStep(string key, RecordedCommand? recorded)
    {
        Interlocked.Increment(ref commandsRan);
        if (recorded is not null)
        {
            steps.TryAdd(key, recorded);
        }
    }

    /// <summary>The recorded outcome of one command on a tree under the same rules, if a pristine copy ran it; counts the answer.</summary>
    internal RecordedCommand? AnswerStep(string key)
    {
        if (!steps.TryGetValue(key, out var recorded))
        {
            return null;
        }

        Interlocked.Increment(ref reviewerCommandsReused);
        return recorded;
    }
}
