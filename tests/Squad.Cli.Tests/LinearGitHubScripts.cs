namespace Squad.Cli.Tests;

/// <summary>Scripted passes and repository changes for <see cref="LinearGitHubRunTests"/>' queue, strict-mode and revert cases.</summary>
internal static class LinearGitHubScripts
{
    /// <summary>ENG-2 writes the same file as ENG-1; its conflict round keeps both lines, and both reviewers approve the new head.</summary>
    public const string ConflictRound = """
          ENG-2:
            qa:
              - - calls:
                    - tool: write_file
                      args: { path: "tests/eng-2.sh", content: "grep -q 'note 2' src/shared.txt\n" }
                    - tool: commit
                      args: { message: "ENG-2: test note 2" }
                - text: "Tests committed."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: "src/shared.txt", content: "note 2\n" }
                    - tool: commit
                      args: { message: "ENG-2: add note 2" }
                - text: "ENG-2: add note 2"
              - - calls:
                    - tool: write_file
                      args: { path: "src/shared.txt", content: "note 1\nnote 2\n" }
                    - tool: commit
                      args: { message: "ENG-2: merge main and resolve the conflict" }
                - text: "Resolved: both notes kept."
            code-reviewer:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Fine." }
                - text: "Approved."
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The resolution keeps both notes." }
                - text: "Approved the new head."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified." }
                - text: "Approved."
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The resolution keeps both notes." }
                - text: "Approved the new head."

        """;

    /// <summary>ENG-2: after GitHub updated its branch, the Code Reviewer asks for a change; the fix round's push must fast-forward GitHub's merge commit.</summary>
    public const string StrictRound = """
          ENG-2:
            qa:
              - - calls:
                    - tool: write_file
                      args: { path: "tests/eng-2.sh", content: "grep -q 'note 2' src/eng-2.txt\n" }
                    - tool: commit
                      args: { message: "ENG-2: test note 2" }
                - text: "Tests committed."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: "src/eng-2.txt", content: "note 2\n" }
                    - tool: commit
                      args: { message: "ENG-2: add note 2" }
                - text: "ENG-2: add note 2"
              - - calls:
                    - tool: write_file
                      args: { path: "src/eng-2.txt", content: "note 2, reviewed\n" }
                    - tool: commit
                      args: { message: "ENG-2: say the note was reviewed" }
                - text: "Done as asked."
            code-reviewer:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Fine." }
                - text: "Approved."
              - - calls:
                    - tool: submit_review
                      args: { verdict: request_changes, body: "Say the note was reviewed." }
                - text: "Changes requested."
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Fine now." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified." }
                - text: "Approved."
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified." }
                - text: "Approved."
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified." }
                - text: "Approved."

        """;

    /// <summary>The merge guardrails pass, but the post-merge suite fails once src/eng-1.txt exists.</summary>
    public static void BreakOnNote1(string work)
    {
        File.WriteAllText(Path.Combine(work, ".squad.yml"), """
            commands:
              format: sh tools/format.sh
              lint: "! grep -rIl FIXME src tests"
              test: sh tools/run-tests.sh
              smoke: sh tools/smoke.sh
            guardrails:
              after_write: [format]
              before_commit: [lint, test]
              merge: [lint, test]
            verify: [lint, test, smoke]
            protected_paths: [".github/workflows/**", "tools/**"]
            """);
        File.WriteAllText(Path.Combine(work, "tools", "smoke.sh"), "if [ -f src/eng-1.txt ]; then echo 'error: note 1 breaks the smoke test'; exit 1; fi\necho 'smoke: ok'\n");
    }
}
