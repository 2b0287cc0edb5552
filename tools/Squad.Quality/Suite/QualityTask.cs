using Squad.Core;
using Squad.Quality.Agent;

namespace Squad.Quality.Suite;

/// <summary>One task of the suite, read from its folder.</summary>
internal sealed record QualityTask(string Folder, TaskDefinition Definition)
{
    public string RepositoryFolder => Path.Combine(Folder, "repo");

    public string IssueFile => Path.Combine(Folder, "issue.md");

    public string HiddenFolder => Path.Combine(Folder, "hidden");

    public static IReadOnlyList<QualityTask> LoadAll(string tasksFolder, IReadOnlyCollection<string> languages)
    {
        if (!Directory.Exists(tasksFolder))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"no tasks folder at {tasksFolder}: give --tasks DIR");
        }

        var tasks = Directory.GetDirectories(tasksFolder).Order(StringComparer.Ordinal).Select(Load)
            .Where(t => languages.Count == 0 || languages.Contains(t.Definition.Language, StringComparer.OrdinalIgnoreCase))
            .ToList();
        return tasks.Count > 0 ? tasks
            : throw new SquadException(SquadErrorCode.InvalidInput, $"no task in {tasksFolder} is in {string.Join(", ", languages)}: name C#, Python or TypeScript");
    }

    public static QualityTask Load(string folder)
    {
        var file = Path.Combine(folder, "task.json");
        var definition = File.Exists(file)
            ? System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(file), SuiteJsonContext.Default.TaskDefinition)
            : null;
        return definition is null
            ? throw new SquadException(SquadErrorCode.InvalidInput, $"{file}: missing or empty; every task folder needs a task.json")
            : new QualityTask(folder, definition);
    }

    public AgentRecipe Recipe() => new()
    {
        QaTests = [.. Definition.QaTests.Select(p => new RecipeFile(p, File.ReadAllText(Path.Combine(Folder, "agent", p))))],
        Locate = Definition.Locate,
        Edits = Definition.Edits,
    };
}
