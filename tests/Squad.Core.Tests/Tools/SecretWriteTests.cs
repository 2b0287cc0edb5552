using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>What agents write into the repository never holds one of Squad's secret values.</summary>
public sealed class SecretWriteTests : IDisposable
{
    private const string Secret = "canary-9f8e7d6c5b4a";
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox tools = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task WriteFile_ContentHoldingASecretValue_FailsAndWritesNothing()
    {
        var result = await InvokeAsync(ToolNames.WriteFile, ("path", "leak.txt"), ("content", $"token={Secret}\n"));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("secret variables", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("leak.txt")));
    }

    [Fact]
    public async Task EditFile_NewTextHoldingASecretValue_FailsAndLeavesTheFile()
    {
        workspace.Write("config.txt", "token=placeholder\n");

        var result = await InvokeAsync(ToolNames.EditFile, ("path", "config.txt"), ("old_text", "placeholder"), ("new_text", Secret));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("token=placeholder\n", workspace.Read("config.txt"));
    }

    [Fact]
    public async Task WriteFile_TokenShapeThatIsNoConfiguredSecret_IsWritten()
    {
        const string Fixture = "sk-ant-test0000000000000000000000";

        var result = await InvokeAsync(ToolNames.WriteFile, ("path", "fixture.txt"), ("content", Fixture));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal(Fixture, workspace.Read("fixture.txt"));
    }

    [Fact]
    public async Task Commit_MessageHoldingASecretValue_IsCommittedWithTheSecretRedacted()
    {
        await workspace.InitGitAsync();
        workspace.Write("notes.txt", "hello\n");

        var result = await InvokeAsync(ToolNames.Commit, ("message", $"Add notes (key {Secret})"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        var message = await workspace.GitOutputAsync("log", "-1", "--format=%B");
        Assert.StartsWith("Add notes (key [REDACTED])", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_MessageHoldingTheSecretBase64Encoded_IsCommittedWithItRedacted()
    {
        await workspace.InitGitAsync();
        workspace.Write("notes.txt", "hello\n");
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret));

        var result = await InvokeAsync(ToolNames.Commit, ("message", $"Add notes (key {encoded})"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        var message = await workspace.GitOutputAsync("log", "-1", "--format=%B");
        Assert.Contains("[REDACTED]", message, StringComparison.Ordinal);
        Assert.False(new SecretRedactor([Secret]).ContainsSecret(message));
    }

    [Fact]
    public async Task Commit_MessageHoldingATokenShapeThatIsNoConfiguredSecret_IsCommittedMasked()
    {
        await workspace.InitGitAsync();
        workspace.Write("notes.txt", "hello\n");

        var result = await InvokeAsync(ToolNames.Commit, ("message", "Add notes (fixture ghp_0123456789abcdefghijABCDEFGHIJ012345)"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.StartsWith("Add notes (fixture [REDACTED])", await workspace.GitOutputAsync("log", "-1", "--format=%B"), StringComparison.Ordinal);
    }

    private Task<ToolCallResult> InvokeAsync(string tool, params (string Name, string Value)[] arguments)
    {
        var agent = TestAgents.Writer();
        return tools.InvokeAsync(tool, TestAgents.Args(arguments), workspace.Context(agent, redactor: new SecretRedactor([Secret])));
    }
}
