namespace Squad.Core;

/// <summary>Stable error codes; the CLI maps them to exit codes.</summary>
public enum SquadErrorCode
{
    /// <summary>Input named by the user is missing or malformed (a folder, a file, a URL).</summary>
    InvalidInput = 2,

    /// <summary>Squad's own configuration (agents, prompts, repository config) is invalid.</summary>
    InvalidConfiguration = 3,

    /// <summary>A scripted model ran out of prepared responses.</summary>
    ScriptExhausted = 4,

    /// <summary>A git command failed unexpectedly.</summary>
    Git = 5,

    /// <summary>The state store or the forge store failed.</summary>
    Storage = 6,

    /// <summary>A model provider failed after retries.</summary>
    Model = 7,

    /// <summary>The tracker or the code host refused or failed.</summary>
    Integration = 8,

    /// <summary>
    /// A squad reached its issue's or its milestone's budget. Expected, not a crash: the squad runner
    /// settles the squad as budget-exceeded, and the code never reaches the command line.
    /// </summary>
    BudgetExceeded = 9,

    /// <summary>
    /// Another Squad process holds the data directory (it runs, fixes, sweeps or serves there). One writer per data
    /// directory: the second command stops before writing anything, or waits with <c>--wait</c>.
    /// </summary>
    DataDirectoryLocked = 10,

    /// <summary>No sandbox can run agent code here (no bubblewrap, no user namespaces) and the user did not pass <c>--no-sandbox</c>.</summary>
    SandboxUnavailable = 11,

    /// <summary>
    /// The request was longer than the model's context window. The agent loop trims old tool results and asks again; only
    /// when trimming cannot help does the pass fail with it. (Not 12: that exit code means a squad needs a person.)
    /// </summary>
    ContextOverflow = 13,

    /// <summary>
    /// In a cluster, this start of a squad no longer holds the squad's lease (it expired, or its node was declared dead and
    /// another node took the squad over): it stops before its next state write, and the holder carries the squad on.
    /// </summary>
    LeaseLost = 14,
}
