using Squad.Core.Domain;

namespace Squad.Core.Intake;

/// <summary>Whether a squad takes an issue: accepted with its scenarios, or refused with the reasons.</summary>
public sealed record IntakeDecision
{
    /// <summary>True when the issue is refined and small enough.</summary>
    public required bool IsAccepted { get; init; }

    /// <summary>The acceptance criteria; empty when refused.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>The description with hidden content removed: the only form agents may see.</summary>
    public required string SanitizedDescription { get; init; }

    /// <summary>One sentence per problem, each saying what is missing and what to do; empty when accepted.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The problems as one text for a tracker comment; empty when accepted.</summary>
    public string Reason => string.Join("\n", Problems);

    /// <summary>An acceptance carrying the scenarios.</summary>
    public static IntakeDecision Accept(IReadOnlyList<Scenario> scenarios, string sanitizedDescription) => new()
    {
        IsAccepted = true,
        Scenarios = scenarios,
        SanitizedDescription = sanitizedDescription,
        Problems = [],
    };

    /// <summary>A refusal with at least one problem.</summary>
    public static IntakeDecision Refuse(IReadOnlyList<string> problems, string sanitizedDescription)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A refusal needs at least one problem.", nameof(problems));
        }

        return new IntakeDecision
        {
            IsAccepted = false,
            Scenarios = [],
            SanitizedDescription = sanitizedDescription,
            Problems = problems,
        };
    }
}
