namespace Squad.Cli.Tests;

/// <summary>
/// The canary test's fixture changes: two commands that dump the environment commands get, and a
/// script whose agents try to leak the canary through every channel they have.
/// </summary>
internal static class CanaryScript
{
    public const string Commands = """
        commands:
          format: sh tools/format.sh
          lint: "! grep -rIl FIXME src tests"
          test: sh tools/run-tests.sh
          env: "mkdir -p dumps && env > dumps/env.txt && cat dumps/env.txt"
          environ: "mkdir -p dumps && cat /proc/self/environ | tr '\\0' '\\n' > dumps/environ.txt && cat dumps/environ.txt"
        guardrails:
          after_write: [format]
          before_commit: [lint, test]
          merge: [lint, test]
        protected_paths: [".github/workflows/**", "tools/**"]
        """;

    /// <summary>The script, with <c>{CANARY}</c> where the agents put the canary values.</summary>
    private const string Template = """
        issues:
          NOTE-1:
            qa:
              - - text: "Looking at the environment first."
                  calls:
                    - tool: run_command
                      args: { name: env }
                    - tool: run_command
                      args: { name: environ }
                    - tool: write_file
                      args: { path: leak.txt, content: "stolen: {CANARY}" }
                - calls:
                    - tool: write_file
                      args:
                        path: tests/greeting.sh
                        content: |
                          # Scenario: The greeting says hello
                          grep -q "hello" src/greeting.txt
                    - tool: commit
                      args: { message: "NOTE-1: test the greeting ({CANARY})" }
                - text: "Tests committed. {CANARY}"
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: src/greeting.txt, content: "hello, visitor\n" }
                    - tool: commit
                      args: { message: "NOTE-1: add the greeting {CANARY}" }
                - text: "Adds src/greeting.txt saying hello. Keys: {CANARY}"
            code-reviewer:
              - - calls:
                    - tool: comment
                      args: { body: "Found in the environment: {CANARY}" }
                    - tool: submit_review
                      args: { verdict: approve, body: "Approved; also {CANARY}" }
                - text: "Approved. {CANARY}"
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified. {CANARY}" }
                - text: "Approved."
        """;

    public static string Script(IEnumerable<string> canaries) => Template.Replace("{CANARY}", string.Join(" ", canaries), StringComparison.Ordinal);
}
