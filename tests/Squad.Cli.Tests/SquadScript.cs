namespace Squad.Cli.Tests;

/// <summary>
/// Writes scripted-model passes (see <c>samples/scripted-model.md</c>) for one issue: QA commits a test, the Developer
/// commits the change, both reviewers approve; a bug fix adds the Diagnostician's passes first.
/// </summary>
internal static class SquadScript
{
    /// <summary>A Diagnostician pass that ends without a diagnosis.</summary>
    public const string NoDiagnosis = """
              - - text: "I could not find the cause."

        """;

    /// <summary>
    /// One issue's passes, indented for the <c>issues:</c> mapping; <paramref name="retest"/> is QA's second pass (when
    /// its first tests pass before the implementation and go back to QA).
    /// </summary>
    public static string Issue(string id, Commit test, Commit change, string? diagnosticianPasses = null, Commit? retest = null) => $$"""
          {{id}}:
        {{(diagnosticianPasses is null ? "" : "    diagnostician:\n" + diagnosticianPasses)}}    qa:
        {{QaPass(test)}}{{(retest is null ? "" : QaPass(retest))}}    developer:
              - - calls:
                    - tool: write_file
                      args: { path: {{Quote(change.Path)}}, content: {{Quote(change.Content)}} }
                    - tool: commit
                      args: { message: {{Quote(change.Message)}} }
                - text: {{Quote(change.Message)}}
            code-reviewer:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Fine." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified." }
                - text: "Approved."

        """;

    /// <summary>A Diagnostician pass that submits a diagnosis with <paramref name="scenario"/>.</summary>
    public static string Diagnosis(string hypothesis, string fixPlan, string scenario) => $$"""
              - - calls:
                    - tool: submit_diagnosis
                      args:
                        hypothesis: {{Quote(hypothesis)}}
                        fix_plan: {{Quote(fixPlan)}}
                        scenario: {{Quote(scenario)}}
                - text: "Diagnosed."

        """;

    private static string QaPass(Commit test) => $$"""
              - - calls:
                    - tool: write_file
                      args: { path: {{Quote(test.Path)}}, content: {{Quote(test.Content)}} }
                    - tool: commit
                      args: { message: {{Quote(test.Message)}} }
                - text: "Tests committed."

        """;

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text)
        => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>A file an agent writes and commits.</summary>
    public sealed record Commit(string Path, string Content, string Message);
}
