using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>Receives each squad's step changes while a milestone runs (the CLI's live view, Slack later).</summary>
public interface ISquadProgress
{
    void Report(string issueIdentifier, SquadStep squadStep, string message);
}
