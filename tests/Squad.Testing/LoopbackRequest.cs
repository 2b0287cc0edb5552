namespace Squad.Testing;

/// <summary>One request <see cref="LoopbackServer"/> received, as it came over the wire.</summary>
public sealed record LoopbackRequest
{
    public required string Method { get; init; }

    /// <summary>The path and query (<c>/v1/chat/completions</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The headers, names compared without case.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }
}
