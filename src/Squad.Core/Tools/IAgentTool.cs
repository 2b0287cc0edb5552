using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>A tool the agent loop can run. Expected failures throw <see cref="ToolException"/>.</summary>
public interface IAgentTool
{
    string Name { get; }

    string Description { get; }

    /// <summary>JSON schema of the arguments object.</summary>
    JsonElement Schema { get; }

    Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default);
}
