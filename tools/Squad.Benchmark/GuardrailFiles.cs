namespace Squad.Benchmark;

/// <summary>
/// The synthetic repository's <c>.squad.yml</c> and its shell guardrails. They are fast and look only
/// at what a squad changes, so the benchmark measures the orchestration, not a build.
/// </summary>
internal static class GuardrailFiles
{
    /// <summary>Where squads put each issue's feature; one folder per issue keeps squash merges conflict-free.</summary>
    public const string FeaturesFolder = "src/features";

    public const string TestsFolder = "tests";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".squad.yml"] = """
            # The benchmark's synthetic repository: shell guardrails, so runs measure the orchestration, not a build.
            commands:
              format: sh tools/format.sh
              lint: sh tools/lint.sh
              test: sh tools/run-tests.sh
            guardrails:
              after_write: [format]
              before_commit: [lint, test]
              merge: [lint, test]
            protected_paths: [".github/workflows/**", "tools/**"]
            max_diff_lines: 1500

            """,
        ["tools/format.sh"] = """
            # Strips trailing spaces from the text files that changed, as a formatter of changed files does.
            git ls-files --modified --others --exclude-standard -- '*.txt' '*.sh' | while IFS= read -r file; do
              [ -f "$file" ] && sed -i 's/[[:space:]]*$//' "$file"
            done
            exit 0

            """,
        ["tools/lint.sh"] = """
            # No FIXME may reach the features or the tests.
            if grep -rIl FIXME src/features tests; then
              echo "lint: remove the FIXME markers above"
              exit 1
            fi

            """,
        ["tools/run-tests.sh"] = """
            # Runs every tests/*.sh; the first failure fails the run.
            for test in tests/*.sh; do
              sh "$test" || { echo "FAILED: $test"; exit 1; }
              echo "passed: $test"
            done

            """,
        ["tests/modules.sh"] = """
            # The modules of the repository are in place.
            test -d src/module00

            """,
        [$"{FeaturesFolder}/README.txt"] = """
            Each feature lives in its own folder here, named after its issue.

            """,
    };
}
