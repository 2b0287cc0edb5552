namespace Squad.Quality.Agent;

/// <summary>A candidate change: replace <see cref="OldText"/> by <see cref="NewText"/> in the file <c>Locate</c> finds.</summary>
internal sealed record RecipeEdit(string OldText, string NewText);
