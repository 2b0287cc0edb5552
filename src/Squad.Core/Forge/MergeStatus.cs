namespace Squad.Core.Forge;

public enum MergeStatus
{
    Merged,

    /// <summary>The head moved after approval (GitHub answers 409).</summary>
    HeadChanged,

    /// <summary>The change does not merge cleanly into the base branch.</summary>
    Conflict,

    /// <summary>The base branch is no longer the <see cref="MergeRequest.ExpectedBaseSha"/> the merge result was tested on.</summary>
    BaseChanged,

    /// <summary>The host refuses for another reason (GitHub answers 405).</summary>
    NotMergeable,
}
