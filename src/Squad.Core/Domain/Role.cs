namespace Squad.Core.Domain;

/// <summary>The roles of a squad. Their definitions (prompt, tools, model) are data in <c>agents/</c>.</summary>
public enum Role
{
    Developer,
    Qa,
    CodeReviewer,
    QaSpecialist,
}
