using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Squad.Core.Configuration;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Never test the same thing twice: the outcome of guardrails run in a pristine sandboxed copy (git content only, set up
/// on base content, nothing an agent touched), keyed by what decides it: the tree tested, the tree the set-up ran on, the
/// command lines, the governing <c>.squad.yml</c> and the sandbox policy. The merge queue's test of a merge result and
/// the post-merge verification of the commit that landed it test the same tree under the same rules; the second reuses
/// the first and says so. Results from a work tree an agent wrote in never enter: only pristine copies are trusted.
/// With a <see cref="IGuardrailRecordStore"/> the records outlive the process (a run killed after its tests and resumed
/// does not test again); any record is used for <see cref="MaxAge"/> at most, since what the key cannot name (the
/// toolchain installed on the machine, a package registry) changes with time. Only passes are stored: a failure (a flaky
/// test, a timeout on a busy machine) answers for the process that saw it, and a resumed run tests that tree again.
/// </summary>
public sealed class GuardrailResults(IGuardrailRecordStore? store = null, TimeProvider? time = null)
{
    /// <summary>How long a recorded result answers for the same tree under the same rules.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    /// <summary>The most of a command's whole output kept in a stored record (its shown output is short already).</summary>
    internal const int StoredOutputLimit = 256 * 1024;

    private readonly ConcurrentDictionary<string, (CommandOutcome? Failure, DateTimeOffset At)> results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RecordedCommand Recorded, DateTimeOffset At)> steps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<CommandOutcome?>> running = new(StringComparer.Ordinal);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

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
        // The command timeout is a rule too: with no set-up tree in the key (no set-up), a base that shortens it must not be
        // answered by a run that passed under the longer one.
        var text = new StringBuilder().Append(tree).Append('\n').Append(setupTree).Append('\n').Append(sandbox).Append('\n')
            .Append("timeout ").Append(config.CommandTimeout.Ticks).Append('\n');
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

    /// <summary>
    /// The recorded outcome (null: all passed) under <paramref name="key"/>, or runs <paramref name="run"/> and records it.
    /// A run of the same key already going (the merge queue's test ahead, see <c>QueuedMerge</c>) is waited for, not
    /// repeated; if it stops without an outcome (cancelled, or it threw), this call runs its own.
    /// </summary>
    internal async Task<(CommandOutcome? Failure, bool Reused)> GetOrRunAsync(string key, Func<Task<CommandOutcome?>> run, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (results.TryGetValue(key, out var held) && Fresh(held.At))
            {
                Interlocked.Increment(ref reused);
                return (held.Failure, true);
            }

            if (await LoadAsync(key, GuardrailRecordKind.Run, cancellationToken) is { } stored
                && JsonSerializer.Deserialize(stored.Payload, GuardrailJsonContext.Default.RunPayload) is { } payload)
            {
                results[key] = (payload.Failure, stored.RecordedAt);
                Interlocked.Increment(ref reused);
                return (payload.Failure, true);
            }

            var mine = new TaskCompletionSource<CommandOutcome?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var going = running.GetOrAdd(key, mine.Task);
            if (going != mine.Task)
            {
                try
                {
                    var outcome = await going.WaitAsync(cancellationToken);
                    Interlocked.Increment(ref reused);
                    return (outcome, true);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The other run stopped without an outcome: look again, and run this one if nothing was recorded.
                    continue;
                }
            }

            try
            {
                var outcome = await run();
                var at = clock.GetUtcNow();
                results[key] = (outcome, at);
                Interlocked.Increment(ref ran);
                if (outcome is null)
                {
                    await SaveAsync(key, GuardrailRecordKind.Run, JsonSerializer.Serialize(new RunPayload(null), GuardrailJsonContext.Default.RunPayload), at, cancellationToken);
                }

                mine.TrySetResult(outcome);
                return (outcome, false);
            }
            catch (Exception ex)
            {
                mine.TrySetException(ex);
                throw;
            }
            finally
            {
                running.TryRemove(new KeyValuePair<string, Task<CommandOutcome?>>(key, mine.Task));
            }
        }
    }

    /// <summary>
    /// Counts one command run in a pristine copy and records its outcome (when given: null when a command before it in the
    /// copy changed files); <paramref name="key"/> is <see cref="Key"/> of that command alone.
    /// </summary>
    internal async Task RecordStepAsync(string key, RecordedCommand? recorded, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref commandsRan);
        if (recorded is null)
        {
            return;
        }

        var at = clock.GetUtcNow();
        steps[key] = (recorded, at);
        if (!recorded.Outcome.Succeeded)
        {
            return;
        }

        var payload = new StepPayload(Stored(recorded.Outcome), recorded.Tree, [.. recorded.RanAfter], recorded.Source);
        await SaveAsync(key, GuardrailRecordKind.Step, JsonSerializer.Serialize(payload, GuardrailJsonContext.Default.StepPayload), at, cancellationToken);
    }

    /// <summary>The recorded outcome of one command on a tree under the same rules, if a pristine copy ran it; counts the answer.</summary>
    internal async Task<RecordedCommand?> AnswerStepAsync(string key, CancellationToken cancellationToken = default)
    {
        RecordedCommand? recorded = null;
        if (steps.TryGetValue(key, out var held) && Fresh(held.At))
        {
            recorded = held.Recorded;
        }
        else if (await LoadAsync(key, GuardrailRecordKind.Step, cancellationToken) is { } stored
            && JsonSerializer.Deserialize(stored.Payload, GuardrailJsonContext.Default.StepPayload) is { } payload)
        {
            recorded = new RecordedCommand(payload.Outcome, payload.Tree, payload.RanAfter, payload.Source);
            steps[key] = (recorded, stored.RecordedAt);
        }

        if (recorded is not null)
        {
            Interlocked.Increment(ref reviewerCommandsReused);
        }

        return recorded;
    }

    private bool Fresh(DateTimeOffset at) => clock.GetUtcNow() - at < MaxAge;

    private async Task<GuardrailRecord?> LoadAsync(string key, GuardrailRecordKind kind, CancellationToken cancellationToken)
        => store is not null && await store.GetAsync(StoredKey(key, kind), cancellationToken) is { } stored && stored.Kind == kind && Fresh(stored.RecordedAt)
            ? stored
            : null;

    private Task SaveAsync(string key, GuardrailRecordKind kind, string payload, DateTimeOffset at, CancellationToken cancellationToken)
        => store?.SaveAsync(new GuardrailRecord { Key = StoredKey(key, kind), Kind = kind, Payload = payload, RecordedAt = at }, cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// A run of one command and that command's step have the same <see cref="Key"/> (the evidence is <c>[test]</c> alone
    /// when the merge guardrails lack it): stored under one name each, neither replaces the other.
    /// </summary>
    private static string StoredKey(string key, GuardrailRecordKind kind) => (kind == GuardrailRecordKind.Run ? "run:" : "step:") + key;

    /// <summary>The outcome as stored: its whole output cut to <see cref="StoredOutputLimit"/>.</summary>
    private static CommandOutcome Stored(CommandOutcome outcome)
        => outcome.FullOutput.Length <= StoredOutputLimit
            ? outcome
            : outcome with { FullOutput = outcome.FullOutput[..StoredOutputLimit] + "\n[... cut: the record keeps the first 256 KiB]" };
}

/// <summary>A stored run: its first failure, or null when every command passed (the only kind stored today).</summary>
internal sealed record RunPayload(CommandOutcome? Failure);

/// <summary>A stored command of a run (<see cref="RecordedCommand"/>).</summary>
internal sealed record StepPayload(CommandOutcome Outcome, string Tree, List<string> RanAfter, string Source);

[JsonSerializable(typeof(RunPayload))]
[JsonSerializable(typeof(StepPayload))]
internal sealed partial class GuardrailJsonContext : JsonSerializerContext;
