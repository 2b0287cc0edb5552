using System.Globalization;
using System.Text;

namespace Squad.Benchmark;

/// <summary>
/// The soak's milestone: a tiny repository whose guardrails are shell commands, and N issues each merging in one review
/// round under the scripted model, the last blocked by the first. Each issue adds its own two files, so the merged
/// main's tree is the same whatever order the squads merge in.
/// </summary>
internal static class SoakMilestone
{
    public const string Repository = "soak";

    /// <summary>Writes <c>repo/</c> and <c>milestone/</c> under <paramref name="root"/>; returns the milestone folder.</summary>
    public static string Write(string root, int issues)
    {
        var repo = Path.Combine(root, "repo");
        var milestone = Path.Combine(root, "milestone");
        WriteFile(repo, ".squad.yml", """
            commands:
              format: sh tools/format.sh
              lint: "! grep -rIl FIXME src tests"
              test: sh tools/run-tests.sh
            guardrails:
              after_write: [format]
              before_commit: [lint, test]
              merge: [lint, test]
            protected_paths: [".github/workflows/**", "tools/**"]
            """);
        WriteFile(repo, "tools/run-tests.sh", "for test in tests/*.sh; do\n  sh \"$test\" || { echo \"FAILED: $test\"; exit 1; }\ndone\n");
        WriteFile(repo, "tools/format.sh", "find . -name '*.txt' -not -path './.git/*' -exec sed -i 's/[[:space:]]*$//' {} +\n");
        WriteFile(repo, "src/readme.txt", "Soak: a tiny repository for Squad's crash soak.\n");
        WriteFile(repo, "tests/readme.sh", "grep -q \"Soak\" src/readme.txt\n");
        WriteFile(milestone, "milestone.yml", $"name: Soak\nrepository: {Repository}\nsource: ../repo\n");
        var script = new StringBuilder("issues:\n");
        for (var n = 1; n <= issues; n++)
        {
            var blockedBy = n == issues && issues > 2 ? "[SOAK-1]" : "[]";
            WriteFile(milestone, $"SOAK-{N(n)}.md", Issue(n, blockedBy));
            script.Append(Script(n));
        }

        WriteFile(milestone, "scripted-responses.yaml", script.ToString());
        return milestone;
    }

    /// <summary>The subject prefix of an issue's commits, and of its squash merge on main.</summary>
    public static string Identifier(int n) => "SOAK-" + N(n);

    private static string Issue(int n, string blockedBy) => $$"""
        ---
        identifier: SOAK-{{N(n)}}
        title: Note {{N(n)}}
        state: todo
        labels: [feature]
        priority: 2
        estimate: 1
        blocked_by: {{blockedBy}}
        ---
        ## Why
        Note {{N(n)}} should greet.

        ## Acceptance criteria
        ```gherkin
        Feature: Note {{N(n)}}
          Scenario: Note {{N(n)}} says hello
            Given the soak repository
            When a visitor reads src/note-{{N(n)}}.txt
            Then it says "hello {{N(n)}}"
        ```

        """;

    private static string Script(int n) => $$"""
          SOAK-{{N(n)}}:
            qa:
              - - text: "Writing the test for note {{N(n)}}."
                  calls:
                    - tool: write_file
                      args:
                        path: tests/note-{{N(n)}}.sh
                        content: |
                          # Scenario: Note {{N(n)}} says hello
                          grep -q "hello {{N(n)}}" src/note-{{N(n)}}.txt
                    - tool: commit
                      args: { message: "SOAK-{{N(n)}}: test that note {{N(n)}} says hello" }
                - text: "The scenario maps to tests/note-{{N(n)}}.sh."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: src/note-{{N(n)}}.txt, content: "hello {{N(n)}}\n" }
                    - tool: commit
                      args: { message: "SOAK-{{N(n)}}: add note {{N(n)}}" }
                - text: "Adds src/note-{{N(n)}}.txt."
            code-reviewer:
              - - calls:
                    - tool: read_file
                      args: { path: src/note-{{N(n)}}.txt }
                    - tool: submit_review
                      args: { verdict: approve, body: "Small and in the right place." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified by tests/note-{{N(n)}}.sh." }
                - text: "Approved."

        """;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void WriteFile(string root, string name, string content)
    {
        var path = Path.Combine(root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
