using System.Globalization;
using System.Text;

namespace Squad.Benchmark;

/// <summary>A milestone of independent issues on the notes test repository, each adding its own file, with scripted roles.</summary>
internal static class ClusterMilestoneWriter
{
    /// <summary>Writes <c>milestone/</c> and <c>repo/</c> under <paramref name="root"/>; returns the milestone folder.</summary>
    public static string Write(string root, string notesRepository, int issues)
    {
        Copy(notesRepository, Path.Combine(root, "repo"));
        var milestone = Path.Combine(root, "milestone");
        Directory.CreateDirectory(milestone);
        File.WriteAllText(Path.Combine(milestone, "milestone.yml"), "name: Cluster benchmark\nrepository: notes\nsource: ../repo\n");
        var script = new StringBuilder("issues:\n");
        for (var n = 1; n <= issues; n++)
        {
            File.WriteAllText(Path.Combine(milestone, $"CL-{n}.md"), string.Create(CultureInfo.InvariantCulture,
                $"---\nidentifier: CL-{n}\ntitle: Note {n}\nstate: todo\nlabels: [feature]\npriority: 2\nestimate: 1\nblocked_by: []\n---\n## Why\nNote {n} must exist.\n\n## Acceptance criteria\n```gherkin\nFeature: Note {n}\n  Scenario: Note {n} says its number\n    Given the notes repository\n    When a visitor reads src/note-{n}.txt\n    Then it says \"note {n}\"\n```\n"));
            script.Append(CultureInfo.InvariantCulture,
                $"  CL-{n}:\n    qa:\n      - - calls:\n            - tool: write_file\n              args: {{ path: tests/note-{n}.sh, content: \"grep -q 'note {n}' src/note-{n}.txt\\n\" }}\n            - tool: commit\n              args: {{ message: \"CL-{n}: test note {n}\" }}\n        - text: \"Scenario maps to tests/note-{n}.sh.\"\n")
                .Append(CultureInfo.InvariantCulture,
                $"    developer:\n      - - calls:\n            - tool: write_file\n              args: {{ path: src/note-{n}.txt, content: \"note {n}\\n\" }}\n            - tool: commit\n              args: {{ message: \"CL-{n}: add note {n}\" }}\n        - text: \"Adds src/note-{n}.txt.\"\n")
                .Append(CultureInfo.InvariantCulture,
                $"    code-reviewer:\n      - - calls:\n            - tool: submit_review\n              args: {{ verdict: approve, body: \"Fine.\" }}\n        - text: \"Approved.\"\n    qa-specialist:\n      - - calls:\n            - tool: submit_review\n              args: {{ verdict: approve, body: \"Verified by tests/note-{n}.sh.\" }}\n        - text: \"Approved.\"\n");
        }

        File.WriteAllText(Path.Combine(milestone, "scripted-responses.yaml"), script.ToString());
        return milestone;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
