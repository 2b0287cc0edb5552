namespace Squad.Linear;

/// <summary>One entry of a GraphQL <c>errors</c> array, with Linear's extensions.</summary>
internal sealed record GraphQLError
{
    public string Message { get; init; } = "";

    public GraphQLErrorExtensions? Extensions { get; init; }
}
