using System.Globalization;
using System.Text;
using Squad.Server;

namespace Squad.Cli;

/// <summary>What Slack is told when a run ends, here or in the cluster: a line per squad with its pull request and why.</summary>
internal static class RunSummary
{
    public static LaunchSummary Of(MilestoneRunResult result)
    {
        var text = new StringBuilder();
        foreach (var squad in result.Document.Squads)
        {
            text.Append(CultureInfo.InvariantCulture, $"• {squad.Issue} {squad.Outcome}");
            text.Append(squad.PullRequest is { } pullRequest ? $": {pullRequest.Url}" : "");
            text.AppendLine(squad.Reason is { Length: > 0 } reason ? $" ({reason})" : "");
        }

        return new LaunchSummary
        {
            RunId = result.Report.Run.Id,
            Succeeded = RunExitCode.Succeeded(result.Report.Squads.Select(s => s.Outcome)),
            Text = text.ToString().TrimEnd(),
        };
    }
}
