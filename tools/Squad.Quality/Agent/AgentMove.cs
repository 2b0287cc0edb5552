namespace Squad.Quality.Agent;

/// <summary>The agent's next tool call and the one line it says about it.</summary>
internal sealed record AgentMove(string Tool, IReadOnlyDictionary<string, string> Arguments, string Thought)
{
    public static AgentMove Call(string tool, string thought, params (string Name, string Value)[] arguments)
        => new(tool, arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal), thought);
}
