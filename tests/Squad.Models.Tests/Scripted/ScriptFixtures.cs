using Squad.Core.Agents;

namespace Squad.Models.Tests.Scripted;

internal static class ScriptFixtures
{
    public const string ExpectedTestContent = """
        public class DiscountTests
        {
            // "quoted", 'single' and \backslash: kept as written
            [Fact] public void Applies() { }
        }

        """;

    /// <summary>qa: one pass of three turns; developer: two passes.</summary>
    public const string Checkout = """
        issues:
          CHK-1:
            qa:
              - - text: "I'll cover both scenarios."
                  calls:
                    - tool: write_file
                      args:
                        path: tests/DiscountTests.cs
                        content: |
                          public class DiscountTests
                          {
                              // "quoted", 'single' and \backslash: kept as written
                              [Fact] public void Applies() { }
                          }
                    - tool: run_command
                      args: { name: test }
                - calls:
                    - tool: commit
                      args: { message: "Add tests for discount codes" }
                - text: Tests committed.
            developer:
              - - text: Implemented.
              - - text: Fixing the review comments.
                  calls:
                    - tool: run_command
                      args:
                        name: test
                        retries: 2
                        ratio: 1.0
                        negative: -3
                        verbose: true
                        legacy: yes
                        quoted: "42"
                        nothing: ~
                        files: [a.cs, b.cs]
                        nested: { inner: { deep: false } }
                - text: Done.
        """;

    public static AgentInvocation Invocation(string issue = "CHK-1", string role = "qa", int pass = 1) => new()
    {
        RunId = "run-1",
        IssueIdentifier = issue,
        Role = role,
        Pass = pass,
        Model = "scripted",
    };
}
