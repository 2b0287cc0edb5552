using System.Globalization;
using System.Text;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// A milestone of <c>count</c> independent issues (CL-1, CL-2, ...) on the notes repository, each adding its own file, with
/// a scripted model for every role: what a cluster test spreads over its nodes. Removed on dispose.
/// </summary>
internal sealed class ClusterMilestone : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public ClusterMilestone(int count)
    {
        Count = count;
        TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes", "repo"), Path.Combine(root, "repo"));
        Directory.CreateDirectory(Milestone);
        File.WriteAllText(Path.Combine(Milestone, "milestone.yml"), "name: Cluster v1\nrepository: notes\nsource: ../repo\n");
        var script = new StringBuilder("issues:\n");
        for (var n = 1; n <= count; n++)
        {
            File.WriteAllText(Path.Combine(Milestone, $"CL-{n}.md"), Issue(n));
            script.Append(Responses(n));
        }

        File.WriteAllText(Path.Combine(Milestone, "scripted-responses.yaml"), script.ToString());
    }

    public int Count { get; }

    public string Milestone => Path.Combine(root, "milestone");

    /// <summary>The local forge every node of the one-machine test cluster shares.</summary>
    public string Forge => Path.Combine(root, "forge");

    public string BareRepository => Path.Combine(Forge, "repos", "notes.git");

    public string NodeData(string node) => Path.Combine(root, "nodes", node);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The refined issue CL-<paramref name="n"/> ("Note n"): add <c>src/note-n.txt</c> saying "note n".</summary>
    public static string Issue(int n) => string.Create(CultureInfo.InvariantCulture, $$"""
        ---
        identifier: CL-{{n}}
        title: Note {{n}}
        state: todo
        labels: [feature]
        priority: 2
        estimate: 1
        blocked_by: []
        ---
        ## Why
        Note {{n}} must exist.

        ## Acceptance criteria
        ```gherkin
        Feature: Note {{n}}
          Scenario: Note {{n}} says its number
            Given the notes repository
            When a visitor reads src/note-{{n}}.txt
            Then it says "note {{n}}"
        ```
        """);

    /// <summary>CL-<paramref name="n"/>'s entry of a scripted-responses file: every role does its part once and approves.</summary>
    public static string Responses(int n) => string.Create(CultureInfo.InvariantCulture, $$"""
          CL-{{n}}:
            qa:
              - - calls:
                    - tool: write_file
                      args:
                        path: tests/note-{{n}}.sh
                        content: |
                          # Scenario: Note {{n}} says its number
                          grep -q "note {{n}}" src/note-{{n}}.txt
                    - tool: commit
                      args: { message: "CL-{{n}}: test that note {{n}} says its number" }
                - text: "Note {{n}}'s scenario maps to tests/note-{{n}}.sh."
            developer:
              - - calls:
                    - tool: write_file
                      args: { path: src/note-{{n}}.txt, content: "note {{n}}\n" }
                    - tool: commit
                      args: { message: "CL-{{n}}: add note {{n}}" }
                - text: "Adds src/note-{{n}}.txt."
            code-reviewer:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Small and in the right place." }
                - text: "Approved."
            qa-specialist:
              - - calls:
                    - tool: submit_review
                      args: { verdict: approve, body: "Note {{n}}'s scenario is verified by tests/note-{{n}}.sh." }
                - text: "Approved."

        """);
}
