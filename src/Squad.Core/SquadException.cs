namespace Squad.Core;

/// <summary>
/// The one exception type of Squad: an unrecoverable failure with a stable error code and a
/// one-line message that says what is wrong and what to do.
/// </summary>
public sealed class SquadException : Exception
{
    public SquadException(SquadErrorCode code, string message)
        : base(message) => Code = code;

    public SquadException(SquadErrorCode code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>What kind of failure this is; stable across releases, used for exit codes.</summary>
    public SquadErrorCode Code { get; }
}
