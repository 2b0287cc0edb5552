using System.Security.Cryptography;
using System.Text;
using Squad.Core.Git;
using Squad.Core.Security;

namespace Squad.Cli.Tests;

/// <summary>
/// With a canary value in the orchestrator's environment for every secret variable Squad reads, agents
/// that dump the environment of their commands and write the canary into a file, commit messages, the
/// PR body, a comment and a review leave it nowhere Squad stores or sends data.
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class CanaryTests : IDisposable
{
    private readonly NotesFixture notes = new();
    private readonly Dictionary<string, string> canaries = SecretRedactor.SecretVariables
        .ToDictionary(name => name, _ => "canary" + RandomNumberGenerator.GetHexString(24, lowercase: true), StringComparer.Ordinal);

    private readonly Dictionary<string, string?> saved;

    public CanaryTests()
    {
        saved = canaries.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        foreach (var (name, value) in canaries)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        File.WriteAllText(Path.Combine(notes.Repository, ".squad.yml"), CanaryScript.Commands);
        File.WriteAllText(notes.Script, CanaryScript.Script(canaries.Values));
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        notes.Dispose();
    }

    [Fact]
    public async Task Run_AgentsTryToLeakSecrets_LeaveNoCanaryInDataForgeTrackerAuditOrOutput()
    {
        var run = await notes.RunAsync();
        var status = await CliResult.RunAsync("status", "--data-dir", notes.DataDirectory, "--json");
        var audit = await CliResult.RunAsync("audit", "--data-dir", notes.DataDirectory, "--json", "--jsonl", Path.Combine(notes.DataDirectory, "audit.jsonl"));
        var table = await CliResult.RunAsync("audit", "--data-dir", notes.DataDirectory);

        Assert.Equal("merged", run.Squad("NOTE-1").GetProperty("outcome").GetString());
        foreach (var result in new[] { run, status, audit, table })
        {
            AssertNoCanary(result.Output + result.Error, "the command line's output");
        }

        AssertNoCanaryInFiles(notes.DataDirectory, skip: null);
        AssertNoCanaryInFiles(notes.Milestone, skip: notes.Script);
        foreach (var repository in GitDirectories(notes.DataDirectory))
        {
            AssertNoCanary(await GitObjectsAsync(repository), $"the objects of {repository}");
        }

        await AssertTheLeaksWereAttemptedAsync(audit.Output);
    }

    /// <summary>The test can only pass for the right reason if every leak was really tried and stopped on the way.</summary>
    private async Task AssertTheLeaksWereAttemptedAsync(string audit)
    {
        var env = await notes.ShowOnMainAsync("dumps/env.txt");
        Assert.Contains("SQUAD_AGENT=1", env, StringComparison.Ordinal);
        Assert.Contains("SQUAD_AGENT=1", await notes.ShowOnMainAsync("dumps/environ.txt"), StringComparison.Ordinal);
        Assert.All(canaries.Keys, name => Assert.DoesNotContain(name + "=", env, StringComparison.Ordinal));
        Assert.DoesNotContain("leak.txt", await notes.GitAsync("ls-tree", "-r", "--name-only", "main"), StringComparison.Ordinal);
        Assert.Contains("NOTE-1: test the greeting ([REDACTED]", await notes.GitAsync("log", "--all", "--format=%B"), StringComparison.Ordinal);
        Assert.Contains("Keys: [REDACTED]", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.comments.md")), StringComparison.Ordinal);
        Assert.Contains("\"content\": \"stolen: [REDACTED]", audit, StringComparison.Ordinal);
    }

    private void AssertNoCanaryInFiles(string directory, string? skip)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => f != skip))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var (name, value) in canaries)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) < 0, $"the canary of {name} is in {file}");
            }
        }
    }

    private void AssertNoCanary(string text, string where)
    {
        foreach (var (name, value) in canaries)
        {
            Assert.False(text.Contains(value, StringComparison.Ordinal), $"the canary of {name} is in {where}");
        }
    }

    /// <summary>Every bare repository and git directory: git objects are compressed, so they are read through git.</summary>
    private static IEnumerable<string> GitDirectories(string root)
        => Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Where(d => File.Exists(Path.Combine(d, "HEAD")) && Directory.Exists(Path.Combine(d, "objects")));

    private static async Task<string> GitObjectsAsync(string repository)
    {
        var git = new GitCli();
        var objects = await git.RunAsync(repository, ["cat-file", "--batch-all-objects", "--batch", "--unordered"]);
        var history = await git.RunAsync(repository, ["log", "--all", "-p", "--format=%H%n%an <%ae>%n%B"]);
        Assert.Contains("NOTE-1", history, StringComparison.Ordinal);
        return objects + history;
    }
}
