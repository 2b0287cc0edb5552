namespace Squad.GitHub.Tests.Fakes;

/// <summary>One request the fake GitHub received, and what it answered.</summary>
public sealed record RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The path as sent, without the query.</summary>
    public required string Path { get; init; }

    /// <summary><c>/api/v3</c> when the request came the GitHub Enterprise Server way.</summary>
    public string PathBase { get; init; } = "";

    public required string Query { get; init; }

    public required string Body { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Who the bearer token belongs to; empty when the token is unknown.</summary>
    public required string Login { get; init; }

    public int Status { get; set; }
}
