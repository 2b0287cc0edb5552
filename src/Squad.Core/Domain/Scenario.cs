namespace Squad.Core.Domain;

/// <summary>One Gherkin scenario of an issue's acceptance criteria.</summary>
public sealed record Scenario
{
    public required string Feature { get; init; }

    public required string Name { get; init; }

    /// <summary>The steps as written, keyword included ("Given a cart with 2 items").</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    /// <summary>The scenario as Gherkin text, for prompts and PR descriptions.</summary>
    public required string Text { get; init; }
}
