using System.Text;
using Squad.Core.Configuration;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>A commit never carries a secret, however a command or an agent wrote it into the work tree.</summary>
public sealed class StagedSecretTests : IDisposable
{
    private const string Secret = "canary-9f8e7d6c5b4a";
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox tools = new();

    public void Dispose() => workspace.Dispose();

    public static TheoryData<string> EncodedSecrets() =>
    [
        Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + Secret)),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)).Replace('+', '-').TrimEnd('='),
        Convert.ToHexString(Encoding.UTF8.GetBytes(Secret)),
        Secret,
    ];

    [Theory]
    [MemberData(nameof(EncodedSecrets))]
    public async Task Commit_StagedFileHoldingTheSecret_IsRefusedNamingTheFileAndLeavesTheTreeUncommitted(string leaked)
    {
        await workspace.InitGitAsync();
        workspace.Write("src/app.js", "console.log('hi');\n");
        workspace.Write("dist/blob.txt", $"// build output\nconst k = \"{leaked}\";\n");

        var result = await InvokeAsync(ToolNames.Commit, ("message", "Add the app"));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("'dist/blob.txt' holds the value of one of Squad's secret variables", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(leaked, result.Output, StringComparison.Ordinal);
        Assert.Equal("Initial commit", await workspace.GitOutputAsync("log", "-1", "--format=%s"));
        Assert.Equal("", await workspace.GitOutputAsync("diff", "--cached", "--name-only"));
        Assert.True(File.Exists(workspace.PathOf("dist/blob.txt")), "the file stays for the agent to fix");
    }

    [Fact]
    public async Task Commit_SecretInABinaryFileWrittenByACheck_IsRefused()
    {
        await workspace.InitGitAsync();
        workspace.Write("notes.txt", "hello\n");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret));
        // The check runs after `git add -A` and stages a binary file of its own: the scan reads the index after the checks.
        var config = new RepositoryConfig
        {
            Commands = new Dictionary<string, string> { ["lint"] = $"printf '\\000\\001{base64}\\377' > asset.bin && git add asset.bin" },
            BeforeCommit = ["lint"],
        };

        var result = await InvokeAsync(ToolNames.Commit, config, ("message", "Add notes"));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("'asset.bin' holds the value", result.Output, StringComparison.Ordinal);
        Assert.Equal("Initial commit", await workspace.GitOutputAsync("log", "-1", "--format=%s"));
    }

    [Fact]
    public async Task Commit_CleanFilesAndADeletion_AreCommitted()
    {
        await workspace.InitGitAsync();
        File.Delete(workspace.PathOf("README.md"));
        workspace.Write("notes.txt", "canary-0000 is not the secret\n");

        var result = await InvokeAsync(ToolNames.Commit, ("message", "Replace the readme"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("Replace the readme", await workspace.GitOutputAsync("log", "-1", "--format=%s"));
    }

    private Task<ToolCallResult> InvokeAsync(string tool, params (string Name, string Value)[] arguments)
        => InvokeAsync(tool, null, arguments);

    private Task<ToolCallResult> InvokeAsync(string tool, RepositoryConfig? config, params (string Name, string Value)[] arguments)
    {
        var agent = TestAgents.Writer();
        return tools.InvokeAsync(tool, TestAgents.Args(arguments), workspace.Context(agent, config, redactor: new SecretRedactor([Secret])));
    }
}
