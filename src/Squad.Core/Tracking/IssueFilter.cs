using Squad.Core.Domain;

namespace Squad.Core.Tracking;

/// <summary>Narrows a project's issues, as a sweep does: by the tracker's state name and by label name, both without case.</summary>
public sealed record IssueFilter
{
    /// <summary>Only issues in the state of this name (<c>Todo</c>), or any state when null.</summary>
    public string? State { get; init; }

    /// <summary>Only issues carrying this label (<c>squad-ready</c>), or any when null.</summary>
    public string? Label { get; init; }

    public bool Matches(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return (State is null || issue.State.Trim().Equals(State.Trim(), StringComparison.OrdinalIgnoreCase))
            && (Label is null || issue.Labels.Any(l => l.Trim().Equals(Label.Trim(), StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>For people: <c>state Todo, label squad-ready</c>, or <c>no filter</c>.</summary>
    public override string ToString()
    {
        string[] parts = [.. new[] { State is null ? null : $"state {State}", Label is null ? null : $"label {Label}" }.OfType<string>()];
        return parts.Length == 0 ? "no filter" : string.Join(", ", parts);
    }
}
