using System.Globalization;
using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>
/// The trusted shell text that runs before every command: it sets the file-size and process rlimits, joins the
/// command's cgroups, then execs the sandbox. Everything variable, the agent's command line included, arrives as a
/// positional argument and is only ever expanded quoted; nothing is pasted into the script.
/// </summary>
internal static class Prologue
{
    // $1: file size in 512-byte blocks (POSIX sh units, dash and bash alike); $2: processes; then cgroup.procs files
    // up to "--"; then the program to exec. dash spells the process limit -p, bash -u: the one that exists applies.
    private const string Script = """
        blocks=$1; processes=$2; shift 2
        ulimit -f "$blocks" || exit 125
        ulimit -u "$processes" 2>/dev/null || ulimit -p "$processes" 2>/dev/null
        while [ "$1" != "--" ]; do echo $$ > "$1" || exit 125; shift; done
        shift
        exec "$@"
        """;

    /// <summary>The exit code of the prologue itself failing, before the command started.</summary>
    public const int SetupFailed = 125;

    public static IReadOnlyList<string> Arguments(SandboxLimits limits, IEnumerable<string> procsFiles, IEnumerable<string> program)
    {
        var blocks = Math.Max(1, (limits.MaxFileSizeBytes + 511) / 512);
        return
        [
            "-c", Script, "squad-sandbox",
            blocks.ToString(CultureInfo.InvariantCulture),
            limits.MaxProcesses.ToString(CultureInfo.InvariantCulture),
            .. procsFiles,
            "--",
            .. program,
        ];
    }
}
