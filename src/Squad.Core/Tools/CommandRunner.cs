using Squad.Core.Configuration;
using Squad.Core.Git;
using Squad.Core.Security;

namespace Squad.Core.Tools;

/// <summary>Runs the repository's named commands with a scrubbed environment, a timeout, and truncated, redacted output.</summary>
public sealed class CommandRunner(RepositoryConfig config, SecretRedactor redactor)
{
    public const int MaxOutputCharacters = 6000;

    public RepositoryConfig Config => config;

    /// <summary>The redactor of command output, for tools that check what agents write.</summary>
    public SecretRedactor Redactor => redactor;

    /// <summary>The exit code of the last command run, for the audit trail; the tool box clears it before each tool call.</summary>
    public int? LastExitCode { get; internal set; }

    public async Task<CommandOutcome> RunAsync(string name, string workingDirectory, CancellationToken cancellationToken = default)
    {
        if (!config.Commands.TryGetValue(name, out var commandLine))
        {
            var known = config.Commands.Count == 0 ? "none are configured in .squad.yml" : "known: " + string.Join(", ", config.Commands.Keys);
            throw new ToolException($"unknown command '{name}' ({known})");
        }

        var result = await ProcessRunner.RunAsync(
            "/bin/sh", ["-c", commandLine], workingDirectory, CommandEnvironment.Create(), config.CommandTimeout, cancellationToken: cancellationToken);
        var output = redactor.Redact(Truncate(result.Combined));
        if (result.TimedOut)
        {
            output += $"\n[timed out after {config.CommandTimeout.TotalSeconds:0} s]";
        }

        LastExitCode = result.ExitCode;
        return new CommandOutcome { Name = name, ExitCode = result.ExitCode, Output = output, Duration = result.Duration };
    }

    /// <summary>Runs commands in order and stops at the first failure.</summary>
    public async Task<CommandOutcome?> RunUntilFailureAsync(IEnumerable<string> names, string workingDirectory, CancellationToken cancellationToken = default)
    {
        foreach (var name in names)
        {
            var outcome = await RunAsync(name, workingDirectory, cancellationToken);
            if (!outcome.Succeeded)
            {
                return outcome;
            }
        }

        return null;
    }

    /// <summary>Keeps the head and the tail, where compilers and test runners put what matters.</summary>
    public static string Truncate(string text, int limit = MaxOutputCharacters)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var head = limit / 3;
        var tail = limit - head;
        return string.Concat(text.AsSpan(0, head), $"\n[... {text.Length - limit} characters cut ...]\n", text.AsSpan(text.Length - tail));
    }
}
