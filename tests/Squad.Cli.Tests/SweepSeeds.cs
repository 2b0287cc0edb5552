using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Local.Forge;
using Squad.Storage;

namespace Squad.Cli.Tests;

/// <summary>
/// What a sweep finds in a copy of the notes milestone: three issues labelled squad-ready (NOTE-1, the scripted one;
/// NOTE-3; NOTE-4 on branch feature/note-4), a squad another process runs, and a pull request someone opened.
/// Shared with the server tests, which link this file.
/// </summary>
internal static class SweepSeeds
{
    public const string ReadyLabel = "squad-ready";

    public const string OpenBranch = "feature/note-4";

    public static void WriteReadyIssues(string milestone)
    {
        var note1 = Path.Combine(milestone, "NOTE-1.md");
        File.WriteAllText(note1, File.ReadAllText(note1).Replace("labels: [feature]", $"labels: [feature, {ReadyLabel}]", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(milestone, "NOTE-3.md"), Refined("NOTE-3", "Shout the greeting", ""));
        File.WriteAllText(Path.Combine(milestone, "NOTE-4.md"), Refined("NOTE-4", "Whisper the greeting", $"branch: {OpenBranch}\n"));
    }

    /// <summary>Someone's pull request on <see cref="OpenBranch"/>, opened on the local forge before the sweep; its number.</summary>
    public static async Task<int> OpenPullRequestAsync(string dataDirectory, string repository)
    {
        var git = new GitCli();
        using var forge = new LocalForge(Path.Combine(dataDirectory, "forge"), git, TimeProvider.System);
        await forge.ImportRepositoryAsync("notes", repository, "main");
        var clone = Path.Combine(Path.GetDirectoryName(dataDirectory)!, "someone");
        await git.RunAsync(Path.GetDirectoryName(dataDirectory)!, ["clone", "-q", Path.Combine(dataDirectory, "forge", "repos", "notes.git"), clone]);
        await File.WriteAllTextAsync(Path.Combine(clone, "src", "whisper.txt"), "psst\n");
        await git.RunAsync(clone, ["add", "-A"]);
        await git.RunAsync(clone, ["-c", "user.name=Someone", "-c", "user.email=someone@example.com", "commit", "-q", "-m", "Whisper"]);
        await forge.PushAsync("notes", clone, OpenBranch);
        var opened = await forge.CreatePullRequestAsync("notes", new NewPullRequest
        {
            Title = "Whisper the greeting",
            Body = "By hand.",
            HeadBranch = OpenBranch,
            BaseBranch = "main",
            Author = new Identity { Name = "Someone", Email = "someone@example.com", Login = "someone" },
        });
        return opened.Number;
    }

    /// <summary>A squad another process is running on NOTE-3: its record says Running, updated five minutes ago; the run's id.</summary>
    public static async Task<string> SeedRunningSquadAsync(string dataDirectory, string milestone)
    {
        using var store = new SqliteRunStore(Path.Combine(dataDirectory, "squad.db"), TimeProvider.System);
        var run = await store.CreateRunAsync(new NewRun { MilestoneKey = milestone, MilestoneName = "Notes v1", Repository = "notes", Model = "scripted" });
        await store.SaveSquadAsync(new SquadRecord
        {
            MilestoneKey = milestone,
            IssueIdentifier = "NOTE-3",
            RunId = run.Id,
            IssueTitle = "Shout the greeting",
            Step = SquadStep.QaTests,
            Outcome = SquadOutcome.Running,
            UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        });
        return run.Id;
    }

    public static async Task<int> CountRunsAsync(string dataDirectory)
    {
        using var store = new SqliteRunStore(Path.Combine(dataDirectory, "squad.db"), TimeProvider.System);
        return (await store.ListRunsAsync(100)).Count;
    }

    private static string Refined(string id, string title, string extra) => $"""
        ---
        identifier: {id}
        title: {title}
        state: todo
        labels: [{ReadyLabel}]
        estimate: 1
        {extra}---
        ```gherkin
        Feature: {title}
          Scenario: It works
            Given the notes repository
            Then it works
        ```
        """;
}
