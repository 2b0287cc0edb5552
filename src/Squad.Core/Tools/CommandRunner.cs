using Squad.Core.Configuration;
using Squad.Core.Sandbox;
using Squad.Core.Security;

namespace Squad.Core.Tools;

/// <summary>
/// Runs the repository's named commands in the sandbox: an allow-listed environment, no network, writes only to the
/// tree it runs in, a timeout and resource limits over every process the command starts, and truncated, redacted output.
/// Only the <c>setup</c> commands reach the network, once per squad, on content no agent has written.
/// </summary>
public sealed class CommandRunner(RepositoryConfig config, SecretRedactor redactor, ISandbox sandbox, IReadOnlyList<string>? caches = null)
{
    public const int MaxOutputCharacters = 6000;

    public RepositoryConfig Config => config;

    /// <summary>The redactor of command output, for tools that check what agents write.</summary>
    public SecretRedactor Redactor => redactor;

    /// <summary>Where every command runs.</summary>
    public ISandbox Sandbox => sandbox;

    /// <summary>The exit code of the last command run, for the audit trail; the tool box clears it before each tool call.</summary>
    public int? LastExitCode { get; internal set; }

    public Task<CommandOutcome> RunAsync(string name, string workingDirectory, CancellationToken cancellationToken = default)
        => RunAsync(name, workingDirectory, network: false, cancellationToken);

    /// <summary>
    /// Runs the repository's <c>setup</c> commands (dependency restore) with the network and writable toolchain caches.
    /// Callers run it only on content of the base branch, before any agent writes. Null when all passed.
    /// </summary>
    public async Task<CommandOutcome?> RunSetupAsync(string workingDirectory, CancellationToken cancellationToken = default)
    {
        foreach (var name in config.Setup)
        {
            var outcome = await RunAsync(name, workingDirectory, network: true, cancellationToken);
            if (!outcome.Succeeded)
            {
                return outcome;
            }
        }

        return null;
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

    /// <summary>
    /// A named command with <paramref name="arguments"/> appended, each quoted for <c>/bin/sh</c> so that it stays one
    /// argument whatever it holds (no expansion, no second command): run one test, one file.
    /// </summary>
    public Task<CommandOutcome> RunAsync(string name, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken = default)
        => ExecuteAsync(name, CommandLine(name) + string.Concat(arguments.Select(a => " " + ShellQuoting.Quote(a))), workingDirectory, false, cancellationToken);

    /// <summary>Any command line, under the same sandbox, environment and limits as the named commands: the <c>shell</c> tool.</summary>
    public Task<CommandOutcome> RunShellAsync(string commandLine, string workingDirectory, CancellationToken cancellationToken = default)
    {
        if (commandLine.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolException("the command line contains a NUL character");
        }

        return ExecuteAsync("shell", commandLine, workingDirectory, false, cancellationToken);
    }

    private string CommandLine(string name)
    {
        if (!config.Commands.TryGetValue(name, out var commandLine))
        {
            var known = config.Commands.Count == 0 ? "none are configured in .squad.yml" : "known: " + string.Join(", ", config.Commands.Keys);
            throw new ToolException($"unknown command '{name}' ({known})");
        }

        return commandLine;
    }

    private Task<CommandOutcome> RunAsync(string name, string workingDirectory, bool network, CancellationToken cancellationToken)
        => ExecuteAsync(name, CommandLine(name), workingDirectory, network, cancellationToken);

    private async Task<CommandOutcome> ExecuteAsync(string name, string commandLine, string workingDirectory, bool network, CancellationToken cancellationToken)
    {
        var result = await sandbox.RunAsync(new SandboxCommand
        {
            CommandLine = commandLine,
            WorkingDirectory = workingDirectory,
            Environment = CommandEnvironment.Create(network, sandbox.Info.Contained),
            Mounts = Mounts(workingDirectory, network),
            Network = network,
            Timeout = config.CommandTimeout,
        }, cancellationToken);
        var full = redactor.Redact(result.Output);
        var note = result.TimedOut ? $"\n[timed out after {config.CommandTimeout.TotalSeconds:0} s]"
            : result.LimitReason is { } reason ? $"\n[stopped by the sandbox: {reason}]"
            : "";

        // 124 for a timeout, as timeout(1) says it; a limit that stopped a command which then exited 0 is still a failure.
        var exitCode = result.TimedOut ? 124 : result.Succeeded ? 0 : result.ExitCode == 0 ? 137 : result.ExitCode;
        LastExitCode = exitCode;
        return new CommandOutcome { Name = name, ExitCode = exitCode, Output = Truncate(full) + note, FullOutput = full + note, Duration = result.Duration };
    }

    /// <summary>
    /// Toolchain caches (read-only but for setup), and a work tree's <c>.git</c> file read-only: code in the sandbox cannot
    /// point it at a git directory of its own, whose config Squad's git would then read.
    /// </summary>
    private List<SandboxMount> Mounts(string workingDirectory, bool network)
    {
        var mounts = (caches ?? []).Where(Directory.Exists).Select(c => new SandboxMount { Path = c, Writable = network }).ToList();
        var gitFile = Path.Combine(workingDirectory, ".git");
        if (File.Exists(gitFile))
        {
            mounts.Add(new SandboxMount { Path = gitFile });
        }

        return mounts;
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
