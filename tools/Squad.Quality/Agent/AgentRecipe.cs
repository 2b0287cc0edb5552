namespace Squad.Quality.Agent;

/// <summary>
/// What the deterministic agent knows about one task, as a person who had solved it before would: the tests QA writes,
/// a pattern that finds the code to change, and candidate edits to try in order. Which it uses, when, and what it does
/// when a tool refuses or a test fails is decided from the tool results, never from a script.
/// </summary>
internal sealed record AgentRecipe
{
    public required IReadOnlyList<RecipeFile> QaTests { get; init; }

    /// <summary>A regular expression <c>search_files</c> looks for to find the file to change.</summary>
    public required string Locate { get; init; }

    public required IReadOnlyList<RecipeEdit> Edits { get; init; }
}
