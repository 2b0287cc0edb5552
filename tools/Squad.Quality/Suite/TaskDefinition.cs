namespace Squad.Quality.Suite;

/// <summary>
/// <c>task.json</c> of one task folder. Beside it: <c>repo/</c> (the repository, with its <c>.squad.yml</c>),
/// <c>issue.md</c> (the issue, Gherkin acceptance criteria), <c>hidden/</c> (the acceptance test the agents never see,
/// copied into a checkout of main after the squad) and <c>agent/</c> (the tests the deterministic QA writes).
/// </summary>
internal sealed record TaskDefinition
{
    /// <summary>The identifier, as in <c>issue.md</c>'s front matter.</summary>
    public required string Id { get; init; }

    public required string Language { get; init; }

    /// <summary>True when the deterministic agent's change is plausible but wrong: the visible tests pass, the hidden test does not.</summary>
    public bool FalseMergeBait { get; init; }

    /// <summary>Run with the network on the checkout of main before the hidden test (a restore), or null.</summary>
    public string? HiddenSetup { get; init; }

    /// <summary>The command that runs the hidden test on the checkout of main, in the sandbox, without the network.</summary>
    public required string HiddenCommand { get; init; }

    /// <summary>The files under <c>agent/</c> the deterministic QA writes, by their path in the repository.</summary>
    public required IReadOnlyList<string> QaTests { get; init; }

    public required string Locate { get; init; }

    public required IReadOnlyList<Agent.RecipeEdit> Edits { get; init; }
}
