namespace Squad.Core.Domain;

/// <summary>The roles of a squad. Their definitions (prompt, tools, model) are data in <c>agents/</c>.</summary>
public enum Role
{
    Developer,
    Qa,
    CodeReviewer,
    QaSpecialist,

    /// <summary>Read-only; runs first on a triggered bug fix and writes the scenario the fix must satisfy.</summary>
    Diagnostician,
}
