namespace Squad.Cli.Tests.Adversarial;

/// <summary>
/// The hostile milestone: NOTE-1's QA commits a "test" that tries every escape an attacker would (secrets through
/// /proc, writes outside the tree, the forge, the clone through <c>.git</c>, the network, a hard link out, children
/// that outlive it, an output flood, a source rewrite in a reviewer's copy) and writes what it achieved into
/// <c>attack-report/</c>, which the Developer's commit (after it runs the tests) carries to main. NOTE-2's Developer rewrites <c>.squad.yml</c> to
/// govern its own merge; NOTE-3's commits a binary of 3 MB.
/// </summary>
internal static class HostileScript
{
    public const string Config = """
        commands:
          format: sh tools/format.sh
          lint: "! grep -rIl FIXME src tests"
          test: sh tools/run-tests.sh
          blob: "mkdir -p assets && head -c 3000000 /dev/urandom > assets/blob.bin"
        guardrails:
          after_write: [format]
          before_commit: [lint, test]
          merge: [lint, test]
        protected_paths: ["tools/**"]
        max_diff_bytes: 1000000
        """;

    private const string Attack = """
        # Scenario: The greeting says hello (and, quietly, everything an attacker would try)
        r=attack-report
        mkdir -p $r
        cat /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n' | grep -c '^GITHUB_TOKEN=' > $r/proc-secrets.txt
        env | grep -c '^GITHUB_TOKEN=' > $r/env-secrets.txt
        ls /proc | grep -c '^[0-9]' > $r/pids.txt
        : > $r/outside.txt
        for target in "{DATA}/squad.db" "{DATA}/forge/forge.db" "{ROOT}/milestone" "{HOME}/squad-home-canary-{ID}"; do
          [ -e "$target" ] && echo "saw $target" >> $r/outside.txt
        done
        for target in "{DATA}/pwned" "{ROOT}/pwned" "{HOME}/squad-pwned-{ID}"; do
          (echo pwned > "$target") 2>/dev/null
        done
        : > $r/forge.txt
        git --git-dir="{DATA}/forge/repos/notes.git" update-ref refs/heads/main HEAD 2>/dev/null && echo moved-main >> $r/forge.txt
        (echo forged >> "{DATA}/forge/forge.db") 2>/dev/null && echo wrote-db >> $r/forge.txt
        : > $r/clone.txt
        if [ -f .git ]; then
          gitdir=$(sed -n 's/^gitdir: //p' .git)
          (printf '[core]\n\thooksPath = /tmp\n' >> "$gitdir/../../config") 2>/dev/null && echo planted-hook >> $r/clone.txt
          (printf 'gitdir: /tmp/fake-git\n' > .git) 2>/dev/null && echo repointed-git >> $r/clone.txt
        fi
        bash -c 'exec 3<>/dev/tcp/127.0.0.1/{PORT} && echo connected' > $r/network.txt 2>/dev/null
        : > $r/hardlink.txt
        ln /usr/bin/env hardlink-out 2>/dev/null && echo linked >> $r/hardlink.txt
        sleep {SLEEP} &
        (setsid sleep {SLEEP}1 &)
        head -c 100000000 /dev/zero | tr '\0' a
        echo
        if [ ! -e .git ]; then echo "harmless" > src/greeting.txt; fi
        exit 0
        """;

    private const string Template = """
        issues:
          NOTE-1:
            qa:
              - - calls:
                    - tool: write_file
                      args:
                        path: tests/greeting.sh
                        content: |
                          # Scenario: The greeting says hello
                          grep -q "hello" src/greeting.txt
                    - tool: write_file
                      args:
                        path: tests/zz-attack.sh
                        content: |
        {ATTACK}
                    - tool: commit
                      args: { message: "NOTE-1: test the greeting" }
                - text: "Tests committed."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: src/greeting.txt, content: "hello, visitor\n" }
                    - tool: run_command
                      args: { name: test }
                    - tool: search_files
                      args: { pattern: hello }
                    - tool: commit
                      args: { message: "NOTE-1: add the greeting" }
                - text: "Adds src/greeting.txt saying hello."
            code-reviewer:
              - - calls:
                    - tool: run_command
                      args: { name: test }
                    - tool: read_file
                      args: { path: src/greeting.txt }
                    - tool: submit_review
                      args: { verdict: approve, body: "Reads well." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: run_command
                      args: { name: test }
                    - tool: submit_review
                      args: { verdict: approve, body: "The scenario is verified." }
                - text: "Approved."
          NOTE-2:
            qa:
              - - calls:
                    - tool: write_file
                      args:
                        path: tests/farewell.sh
                        content: |
                          # Scenario: The farewell says goodbye
                          grep -q "goodbye" src/farewell.txt
                    - tool: commit
                      args: { message: "NOTE-2: test the farewell" }
                - text: "Tests committed."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: src/farewell.txt, content: "goodbye, visitor\n" }
                    - tool: write_file
                      args:
                        path: .squad.yml
                        content: |
                          commands:
                            test: "true"
                          guardrails:
                            merge: []
                          protected_paths: []
                    - tool: commit
                      args: { message: "NOTE-2: add the farewell, and lighter checks" }
                - text: "Adds the farewell."
            code-reviewer:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Fine." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Verified." }
                - text: "Approved."
          NOTE-3:
            qa:
              - - calls:
                    - tool: write_file
                      args:
                        path: tests/logo.sh
                        content: |
                          # Scenario: The notes have a logo
                          test -s src/logo.txt
                    - tool: commit
                      args: { message: "NOTE-3: test the logo" }
                - text: "Tests committed."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: src/logo.txt, content: "(logo)\n" }
                    - tool: run_command
                      args: { name: blob }
                    - tool: commit
                      args: { message: "NOTE-3: add the logo" }
                - text: "Adds the logo."
            code-reviewer:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Fine." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Verified." }
                - text: "Approved."
        """;

    public static string Issue(string id, string title, string scenario) => $$"""
        ---
        identifier: {{id}}
        title: {{title}}
        state: todo
        labels: [feature]
        priority: 2
        estimate: 1
        blocked_by: []
        ---
        ## Acceptance criteria
        ```gherkin
        Feature: {{title}}
          Scenario: {{scenario}}
            Given the notes repository
            When a visitor reads it
            Then it is there
        ```
        """;

    public static string Script(IReadOnlyDictionary<string, string> values)
    {
        var attack = string.Join('\n', Attack.Split('\n').Select(line => new string(' ', 26) + line));
        var script = Template.Replace("{ATTACK}", attack, StringComparison.Ordinal);
        foreach (var (key, value) in values)
        {
            script = script.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return script;
    }
}
