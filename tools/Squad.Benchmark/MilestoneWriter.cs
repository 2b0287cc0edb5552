using System.Globalization;
using System.Text;

namespace Squad.Benchmark;

/// <summary>
/// Writes one milestone folder for the local tracker: <c>milestone.yml</c>, one issue per squad with
/// Gherkin criteria, and the scripted model's responses for all of them. Identifiers carry the run's
/// label, so each run's squads, branches and feature folders are new.
/// </summary>
internal static class MilestoneWriter
{
    public const string RepositoryName = "synthetic";

    public const string ScriptFileName = "scripted-responses.yaml";

    public static IReadOnlyList<IssuePlan> Write(string folder, string label, int issueCount, RepositoryManifest repository, int callsPerRole)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "milestone.yml"), $"name: Benchmark {label}\nrepository: {RepositoryName}\ndefault_branch: main\n");
        var issues = Enumerable.Range(1, issueCount).Select(i => Plan(label, i, repository)).ToList();
        foreach (var issue in issues)
        {
            File.WriteAllText(Path.Combine(folder, issue.Identifier + ".md"), IssueText(issue));
        }

        ScriptWriter.Write(Path.Combine(folder, ScriptFileName), issues, callsPerRole);
        return issues;
    }

    /// <summary>The plan of issue <paramref name="number"/> of a milestone labelled <paramref name="label"/>.</summary>
    public static IssuePlan Plan(string label, int number, RepositoryManifest repository)
    {
        var identifier = $"{label}-{number.ToString(CultureInfo.InvariantCulture)}";
        var slug = identifier.ToLowerInvariant();
        // Spread the issues over the modules so that squads read different files, as different issues would.
        var module = (number * 5) % repository.ModuleFolders.Count;
        return new IssuePlan
        {
            Identifier = identifier,
            Title = $"Feature {identifier} for {Path.GetFileName(repository.ModuleFolders[module])}",
            ModuleFolder = repository.ModuleFolders[module],
            ModuleFiles = repository.ModuleFiles[module],
            FeatureFile = $"{GuardrailFiles.FeaturesFolder}/{slug}/feature.txt",
            TestFile = $"{GuardrailFiles.TestsFolder}/{slug}.sh",
        };
    }

    private static string IssueText(IssuePlan issue)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("identifier: ").Append(issue.Identifier).Append('\n');
        text.Append("title: ").Append(issue.Title).Append('\n');
        text.Append("state: todo\nlabels: [feature]\npriority: 2\nestimate: 2\nblocked_by: []\n---\n");
        text.Append("## Why\n").Append(issue.ModuleName).Append(" needs a feature flag file that tools can read.\n\n");
        text.Append("## Approach\nAdd `").Append(issue.FeatureFile).Append("` and nothing else; its test goes to `").Append(issue.TestFile).Append("`.\n\n");
        text.Append("## Acceptance criteria\n```gherkin\n");
        text.Append("Feature: ").Append(issue.Title).Append('\n');
        text.Append("  Scenario: The feature announces itself\n    Given the synthetic repository\n");
        text.Append("    When a reader opens ").Append(issue.FeatureFile).Append('\n');
        text.Append("    Then it says \"").Append(issue.ReadyLine).Append("\"\n\n");
        text.Append("  Scenario: The feature names its module\n    Given the synthetic repository\n");
        text.Append("    When a reader opens ").Append(issue.FeatureFile).Append('\n');
        text.Append("    Then it names \"").Append(issue.ModuleName).Append("\"\n```\n");
        return text.ToString();
    }
}
