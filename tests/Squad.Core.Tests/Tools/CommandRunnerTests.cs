using Squad.Core.Configuration;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

public sealed class CommandRunnerTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static CommandRunner Runner(string name, string commandLine, SecretRedactor? redactor = null, TimeSpan? timeout = null) => new(
        new RepositoryConfig
        {
            Commands = new Dictionary<string, string> { [name] = commandLine },
            CommandTimeout = timeout ?? TimeSpan.FromMinutes(1),
        },
        redactor ?? new SecretRedactor([]),
        Squad.Testing.TestSandbox.Create());

    [Fact]
    public async Task RunAsync_OrchestratorSecretsInEnvironment_CommandDoesNotSeeThem()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        string[] names = ["OPENAI_API_KEY", "GITHUB_TOKEN", "LINEAR_API_KEY", "SQUAD_TEST_CANARY_SECRET"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, $"{canary}-{name}");
            }

            // No redaction: what the command cannot see must be absent because of the scrubbed environment.
            var outcome = await Runner("env", "env").RunAsync("env", workspace.Root);

            Assert.True(outcome.Succeeded);
            Assert.Contains("SQUAD_AGENT=1", outcome.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, outcome.Output, StringComparison.Ordinal);
            foreach (var name in names)
            {
                Assert.DoesNotContain(name + "=", outcome.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void CommandEnvironment_Create_HoldsOnlyAllowListedVariables()
    {
        string[] allowed =
        [
            "PATH", "HOME", "LANG", "TMPDIR", "DOTNET_ROOT", "NUGET_PACKAGES", "TERM", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO",
            "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE", "NuGetAudit", "MSBUILDDISABLENODEREUSE", "DOTNET_CLI_USE_MSBUILD_SERVER", "UseSharedCompilation", "CI", "SQUAD_AGENT",
            "DOTNET_TieredPGO", "DOTNET_TC_CallCountThreshold",
        ];

        var environment = CommandEnvironment.Create();

        Assert.All(environment.Keys, key => Assert.Contains(key, allowed));
        Assert.True(environment.ContainsKey("PATH"));
        Assert.Equal("1", environment["SQUAD_AGENT"]);
    }

    [Fact]
    public void CommandEnvironment_CompilerServer_RunsOnlyWhereTheSandboxEndsItWithTheCommand()
    {
        Assert.Equal("false", CommandEnvironment.Create()["UseSharedCompilation"]);
        Assert.Equal("false", CommandEnvironment.Create(network: true)["UseSharedCompilation"]);
        Assert.Equal("true", CommandEnvironment.Create(contained: true)["UseSharedCompilation"]);
        Assert.Equal("1", CommandEnvironment.Create(contained: true)["MSBUILDDISABLENODEREUSE"]);
        Assert.Equal("0", CommandEnvironment.Create(contained: true)["DOTNET_CLI_USE_MSBUILD_SERVER"]);
    }

    [Fact]
    public async Task RunAsync_EveryCommand_GetsTheShortProcessJit_AndItsCommandLineCanSetItsOwn()
    {
        var runner = Runner(
            "jit",
            "echo \"pgo=$DOTNET_TieredPGO calls=$DOTNET_TC_CallCountThreshold\"; DOTNET_TC_CallCountThreshold=30 sh -c 'echo \"own=$DOTNET_TC_CallCountThreshold\"'");

        var outcome = await runner.RunAsync("jit", workspace.Root);

        Assert.True(outcome.Succeeded, outcome.Output);
        Assert.Contains("pgo=0 calls=1000", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("own=30", outcome.Output, StringComparison.Ordinal);
        Assert.Equal("1000", CommandEnvironment.Create(network: true, contained: true)["DOTNET_TC_CallCountThreshold"]);
    }

    [Fact]
    public async Task RunAsync_OutputWithSecrets_IsRedacted()
    {
        var configured = "configured-secret-" + Guid.NewGuid().ToString("N");
        var token = "ghp_" + new string('A', 36);
        var runner = Runner("leak", $"echo value={configured}; echo token={token} >&2", new SecretRedactor([configured]));

        var outcome = await runner.RunAsync("leak", workspace.Root);

        Assert.DoesNotContain(configured, outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, outcome.Output, StringComparison.Ordinal);
        Assert.Contains($"value={SecretRedactor.Mask}", outcome.Output, StringComparison.Ordinal);
        Assert.Contains($"token={SecretRedactor.Mask}", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RunsInTheWorkingDirectoryAndReportsExitCode()
    {
        var outcome = await Runner("where", "pwd; exit 7").RunAsync("where", workspace.Root);

        Assert.Equal(7, outcome.ExitCode);
        Assert.False(outcome.Succeeded);
        Assert.Equal("where", outcome.Name);
        Assert.Equal(workspace.Root, outcome.Output.Trim());
    }

    [Fact]
    public async Task RunAsync_LongOutput_IsTruncatedKeepingHeadAndTail()
    {
        var outcome = await Runner("loud", "echo FIRST-LINE; seq 1 5000; echo LAST-LINE").RunAsync("loud", workspace.Root);

        Assert.True(outcome.Output.Length < CommandRunner.MaxOutputCharacters + 100);
        Assert.StartsWith("FIRST-LINE", outcome.Output, StringComparison.Ordinal);
        Assert.EndsWith("LAST-LINE\n", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("characters cut", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CommandOverItsTimeout_IsStoppedAndSaysSo()
    {
        var outcome = await Runner("slow", "echo started; sleep 60", timeout: TimeSpan.FromSeconds(1)).RunAsync("slow", workspace.Root);

        Assert.False(outcome.Succeeded);
        Assert.Equal(124, outcome.ExitCode);
        Assert.Contains("[timed out after 1 s]", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownName_ThrowsToolExceptionListingKnownCommands()
    {
        var ex = await Assert.ThrowsAsync<ToolException>(() => Runner("lint", "true").RunAsync("test", workspace.Root));

        Assert.Equal("unknown command 'test' (known: lint)", ex.Message);
    }

    [Fact]
    public async Task RunUntilFailureAsync_StopsAtFirstFailure()
    {
        var runner = new CommandRunner(
            new RepositoryConfig
            {
                Commands = new Dictionary<string, string> { ["a"] = "touch a.ran", ["b"] = "exit 2", ["c"] = "touch c.ran" },
            },
            new SecretRedactor([]),
            Squad.Testing.TestSandbox.Create());

        var failure = await runner.RunUntilFailureAsync(["a", "b", "c"], workspace.Root);

        Assert.NotNull(failure);
        Assert.Equal("b", failure.Name);
        Assert.True(File.Exists(workspace.PathOf("a.ran")));
        Assert.False(File.Exists(workspace.PathOf("c.ran")));
    }

    [Fact]
    public void Truncate_ShortText_IsUnchanged()
    {
        var text = new string('x', 100);

        Assert.Same(text, CommandRunner.Truncate(text, 100));
    }

    [Fact]
    public void Truncate_LongText_KeepsAThirdOfTheLimitAsHeadAndTheRestAsTail()
    {
        var text = "HEAD" + new string('m', 10_000) + "TAIL";

        var truncated = CommandRunner.Truncate(text, 600);

        Assert.StartsWith("HEAD" + new string('m', 196) + "\n[... 9408 characters cut ...]\n", truncated, StringComparison.Ordinal);
        Assert.EndsWith(new string('m', 396) + "TAIL", truncated, StringComparison.Ordinal);
        Assert.Equal(600 + "\n[... 9408 characters cut ...]\n".Length, truncated.Length);
    }
}
