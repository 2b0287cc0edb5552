using System.Text.Json;

namespace Squad.Models.Scripted;

/// <summary>One tool call of a scripted turn.</summary>
internal sealed record ScriptedCall
{
    public required string Tool { get; init; }

    /// <summary>The arguments as a JSON object, converted from the YAML as written.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>The line of the call in the script, for messages.</summary>
    public required long Line { get; init; }
}
