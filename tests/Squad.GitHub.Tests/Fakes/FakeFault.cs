namespace Squad.GitHub.Tests.Fakes;

/// <summary>A canned answer the fake gives, once, to the next request that matches.</summary>
public sealed record FakeFault
{
    public required string Method { get; init; }

    /// <summary>Matches when the request path ends with this.</summary>
    public required string PathSuffix { get; init; }

    public required int Status { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string Body { get; init; } = """{"message":"fault"}""";
}
