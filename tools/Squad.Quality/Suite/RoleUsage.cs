namespace Squad.Quality.Suite;

/// <summary>Model turns and tokens of one role on one task.</summary>
internal sealed record RoleUsage(string Role, int Turns, long InputTokens, long OutputTokens, decimal Cost);
