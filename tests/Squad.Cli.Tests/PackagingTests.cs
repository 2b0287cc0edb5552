using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Spectre.Console;
using Squad.Core.Git;

namespace Squad.Cli.Tests;

/// <summary>What .NET users expect of a command-line tool: a dotnet tool package, --version, completion, NO_COLOR, --json.</summary>
public sealed class PackagingTests
{
    [Fact]
    public async Task Version_PrintsThePackageVersionAndTheCommit()
    {
        // The built squad itself: in-process, System.CommandLine would report the test host's version.
        var result = await ProcessRunner.RunAsync(Path.Combine(AppContext.BaseDirectory, "squad"), ["--version"], AppContext.BaseDirectory, timeout: TimeSpan.FromMinutes(1));

        Assert.True(result.Succeeded, result.Combined);
        Assert.Matches($"^{Regex.Escape(PackageVersion())}\\+[0-9a-f]{{40}}$", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task BashCompletion_CompletesCommandsAndOptionsFromTheInstalledSquad()
    {
        var script = await CliResult.RunAsync("completion", "bash");
        var unknown = await CliResult.RunAsync("completion", "tcsh");
        var folder = Directory.CreateTempSubdirectory("squad-completion-");
        try
        {
            var file = Path.Combine(folder.FullName, "squad.bash");
            await File.WriteAllTextAsync(file, script.Output);
            var commands = await CompleteAsync(file, "squad ru", "squad", "ru");
            var options = await CompleteAsync(file, "squad status --js", "squad", "status", "--js");

            Assert.Equal(["run"], commands);
            Assert.Equal(["--json"], options);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Equal(["error: no completion for the shell 'tcsh': name one of bash, zsh, fish, powershell"], unknown.ErrorLines);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void NoColor_TurnsColourOffOnATerminal_AndNothingElse()
    {
        using var writer = new StringWriter();

        var plain = SquadCli.ConsoleSettings(writer, isTerminal: true, noColor: "1");
        var coloured = SquadCli.ConsoleSettings(writer, isTerminal: true, noColor: "");
        var piped = SquadCli.ConsoleSettings(writer, isTerminal: false, noColor: null);

        Assert.Equal(ColorSystemSupport.NoColors, plain.ColorSystem);
        Assert.Equal(InteractionSupport.Detect, plain.Interactive);
        Assert.Equal(ColorSystemSupport.Detect, coloured.ColorSystem);
        Assert.Equal(ColorSystemSupport.NoColors, piped.ColorSystem);
    }

    [Fact]
    public async Task Doctor_Json_GivesEachCheckAndTheExitCode()
    {
        var result = await CliResult.RunAsync("doctor", "--json", "--data-dir", Path.Combine(Path.GetTempPath(), "squad-doctor-json"));

        var document = JsonNode.Parse(result.Output)!;
        var checks = document["checks"]!.AsArray().Select(c => c!["check"]!.GetValue<string>()).ToList();
        Assert.Equal(["sandbox", "git", "git hardening", "network for agents", "data directory", "work trees"], checks);
        var trees = document["checks"]!.AsArray().Single(c => c!["check"]!.GetValue<string>() == "work trees")!["detail"]!.GetValue<string>();
        Assert.Matches(@"^(in memory \(/dev/shm: \d+ GiB free; a tree goes to disk when it would leave less than 4 GiB\)|on disk \(.+\))$", trees);
        Assert.Equal(result.ExitCode, document["exitCode"]!.GetValue<int>());
        Assert.StartsWith(PackageVersion(), document["version"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetTool_PacksWithItsRolesPromptsAndSample_AndRunsOnceInstalled()
    {
        var root = ConfigSchemaTests.RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("squad-tool-");
        try
        {
            var packages = Path.Combine(folder.FullName, "packages");
            var tools = Path.Combine(folder.FullName, "tools");
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
            var pack = await DotnetAsync(root, "pack", Path.Combine(root, "src", "Squad.Cli"), "-c", configuration, "--no-build", "-o", packages);
            Assert.True(pack.Succeeded, pack.Combined);
            var install = await DotnetAsync(root, "tool", "install", "squad", "--tool-path", tools, "--add-source", packages, "--version", PackageVersion());
            Assert.True(install.Succeeded, install.Combined);

            var version = await ProcessRunner.RunAsync(Path.Combine(tools, "squad"), ["--version"], folder.FullName, timeout: TimeSpan.FromMinutes(1));
            var store = Path.Combine(tools, ".store", "squad", PackageVersion(), "squad", PackageVersion(), "tools", "net10.0", "any");

            Assert.StartsWith(PackageVersion() + "+", version.StandardOutput.Trim(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(store, "agents", "developer.yaml")));
            Assert.True(File.Exists(Path.Combine(store, "prompts", "code-reviewer.md")));
            Assert.True(File.Exists(Path.Combine(store, "prices.yaml")));
            Assert.True(File.Exists(Path.Combine(store, "samples", "checkout", "repo", ".squad.yml")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string PackageVersion()
        => XDocument.Load(Path.Combine(ConfigSchemaTests.RepositoryRoot(), "Directory.Build.props")).Descendants("Version").Single().Value;

    /// <summary>Runs the completion function as bash would on Tab, with the test's own squad first on PATH.</summary>
    private static async Task<string[]> CompleteAsync(string script, string line, params string[] words)
    {
        var quoted = string.Join(' ', words.Select(w => $"'{w}'"));
        var command = $"source '{script}'; COMP_LINE='{line}'; COMP_POINT={line.Length}; COMP_WORDS=({quoted}); COMP_CWORD={words.Length - 1}; _squad_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{AppContext.BaseDirectory}:{Environment.GetEnvironmentVariable("PATH")}",
            ["HOME"] = Path.GetTempPath(),
        };
        var result = await ProcessRunner.RunAsync("bash", ["-c", command], AppContext.BaseDirectory, environment, TimeSpan.FromMinutes(1));
        Assert.True(result.Succeeded, result.Combined);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Task<ProcessResult> DotnetAsync(string root, params string[] arguments)
        => ProcessRunner.RunAsync("dotnet", arguments, root, timeout: TimeSpan.FromMinutes(5));
}
