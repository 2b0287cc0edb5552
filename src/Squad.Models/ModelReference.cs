using Squad.Core;

namespace Squad.Models;

/// <summary>A model as a role names it: <c>provider:model</c>, or <c>scripted</c> / <c>scripted:PATH</c>.</summary>
internal sealed record ModelReference
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string Scripted = "scripted";

    public required string Provider { get; init; }

    /// <summary>The provider's model name (for <c>scripted</c>, the script path; empty for the milestone's script).</summary>
    public required string Name { get; init; }

    /// <exception cref="SquadException">The provider is unknown, or a model name is missing.</exception>
    public static ModelReference Parse(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model == Scripted)
        {
            return new ModelReference { Provider = Scripted, Name = "" };
        }

        var colon = model.IndexOf(':', StringComparison.Ordinal);
        var provider = colon < 0 ? model : model[..colon];
        var name = colon < 0 ? "" : model[(colon + 1)..].Trim();
        if (provider is not (OpenAI or Anthropic or Scripted) || name.Length == 0)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"model '{model}' is not known: use openai:MODEL, anthropic:MODEL, scripted or scripted:PATH");
        }

        return new ModelReference { Provider = provider, Name = name };
    }
}
