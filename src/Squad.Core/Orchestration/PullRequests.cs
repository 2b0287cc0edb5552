using System.Text;
using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Core.Orchestration;

/// <summary>
/// Opens the squad's one pull request (under the Developer's identity) and tells the tracker. The pull request is found by
/// its head branch before one is created, so a resume after a crash never opens a second.
/// </summary>
internal static class PullRequests
{
    public static async Task<PullRequest> OpenAsync(SquadSession session, string summary, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var repository = session.Repository.Name;
        var branch = session.Workspace!.Branch!;
        var developer = services.Agents[Role.Developer];
        var pullRequest = await services.CodeHost.FindPullRequestAsync(repository, branch, cancellationToken)
            ?? await services.CodeHost.CreatePullRequestAsync(repository, new NewPullRequest
            {
                Title = services.Redactor.Redact($"{session.Id}: {session.Issue.Title}"),
                Body = services.Redactor.Redact(Body(session, summary)) + "\n\n---\n" + AgentPasses.Signature(services, developer),
                HeadBranch = branch,
                BaseBranch = session.Repository.DefaultBranch,
                Author = developer.Identity,
            }, cancellationToken);
        await session.SaveAsync(r => r with { PullRequestNumber = pullRequest.Number, PullRequestUrl = pullRequest.Url }, cancellationToken);
        await session.ReportAsync(SquadStep.PullRequest, $"PR #{pullRequest.Number} open", cancellationToken);
        var journal = session.Journal;
        await journal.SetAsync("tracker:pr-link", () => services.Tracker.LinkPullRequestAsync(
            session.Id, pullRequest.Url, $"PR #{pullRequest.Number}: {pullRequest.Title}", cancellationToken), cancellationToken);
        await journal.CommentOnIssueAsync("tracker:pr-comment",
            services.Redactor.Redact($"Squad opened PR #{pullRequest.Number}: {pullRequest.Url}\n\n{summary}".TrimEnd()) + $"\n\n---\nSquad · {services.ModelLine}", cancellationToken);
        await journal.SetAsync("tracker:review", () => services.Tracker.MoveAsync(session.Id, IssueStateType.Review, cancellationToken), cancellationToken);
        await session.CompleteStepAsync(SquadStep.PullRequest, cancellationToken);
        return pullRequest;
    }

    private static string Body(SquadSession session, string summary)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(summary))
        {
            text.AppendLine(summary.Trim()).AppendLine();
        }

        var link = session.Issue.Url is { } url ? $"[{session.Id}]({url})" : session.Id;
        text.AppendLine($"Resolves {link}: {session.Issue.Title}").AppendLine();
        text.AppendLine("### Acceptance scenarios");
        var before = TestEvidence.Parse(session.Record.RegressionCheck);
        foreach (var scenario in session.Scenarios)
        {
            var outcome = before.FirstOrDefault(b => b.Scenario == scenario.Name.ReplaceLineEndings(" "));
            text.AppendLine(outcome.Scenario is null ? $"- {scenario.Name}" : $"- {scenario.Name} (QA's tests before the change: {TestEvidence.Word(outcome.Outcome)})");
        }

        if (session.Record.Diagnosis is { } diagnosis)
        {
            text.AppendLine().AppendLine(diagnosis.Trim());
        }

        if (session.Record.RegressionCheck is { } check)
        {
            var label = session.Record.Diagnosis is null ? "QA's tests before the implementation" : "Regression test";
            text.AppendLine().AppendLine($"**{label}:** {TestEvidence.Summary(check)}.");
        }

        if (!session.Services.Sandbox.Info.Contained)
        {
            text.AppendLine().AppendLine("**Unsandboxed:** this squad ran with `--no-sandbox`: its agents' code ran on the host as the orchestrator's user.");
        }

        return text.ToString().TrimEnd();
    }
}
