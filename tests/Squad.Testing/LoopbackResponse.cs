namespace Squad.Testing;

/// <summary>A canned answer of <see cref="LoopbackServer"/>: status, headers and body.</summary>
public sealed record LoopbackResponse
{
    public int Status { get; init; } = 200;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string Body { get; init; } = "";

    public string ContentType { get; init; } = "application/json";

    /// <summary>A 200 with a JSON body.</summary>
    public static LoopbackResponse Json(string body) => new() { Body = body };

    /// <summary>An error status with a JSON body and optional headers (<c>Retry-After</c>, say).</summary>
    public static LoopbackResponse Error(int status, string body, params (string Name, string Value)[] headers) => new()
    {
        Status = status,
        Body = body,
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
    };
}
