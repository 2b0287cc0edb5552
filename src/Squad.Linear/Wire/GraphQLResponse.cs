namespace Squad.Linear;

/// <summary>A GraphQL answer: data, errors, or both.</summary>
internal sealed record GraphQLResponse<T>
    where T : class
{
    public T? Data { get; init; }

    public IReadOnlyList<GraphQLError>? Errors { get; init; }
}
