namespace Squad.GitHub.Wire;

/// <summary>The body of <c>PUT /repos/{o}/{r}/pulls/{n}/update-branch</c>: GitHub answers 422 when the head is no longer this one.</summary>
internal sealed record UpdateBranchBody
{
    public required string ExpectedHeadSha { get; init; }
}
