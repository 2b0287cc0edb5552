namespace Squad.Quality.Agent;

/// <summary>A file QA writes: its path in the repository and its content.</summary>
internal sealed record RecipeFile(string Path, string Content);
