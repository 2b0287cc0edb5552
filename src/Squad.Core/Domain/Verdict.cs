namespace Squad.Core.Domain;

/// <summary>A reviewer's verdict on one head commit.</summary>
public enum Verdict
{
    Comment,
    Approve,
    RequestChanges,
}
