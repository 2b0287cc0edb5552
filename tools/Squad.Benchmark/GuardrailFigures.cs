namespace Squad.Benchmark;

/// <summary>Figure 7: how often each merged issue sends a command to the sandbox, and how often a recorded result answers instead.</summary>
internal sealed record GuardrailFigures
{
    /// <summary>Commands run in the sandbox (guardrails in the work tree, pristine runs, reviewers' commands), per merged issue.</summary>
    public required Stat SandboxCommandsPerIssue { get; init; }

    /// <summary>Guardrail runs made in a fresh pristine copy (the reviewers' evidence, the queue, post-merge verification), per merged issue.</summary>
    public required Stat PristineRunsPerIssue { get; init; }

    /// <summary>Pristine guardrail runs answered from a recorded result of the same tree under the same rules, per merged issue.</summary>
    public required Stat PristineRunsReusedPerIssue { get; init; }

    /// <summary>Reviewers' commands answered from a recorded result, per merged issue.</summary>
    public required Stat ReviewerCommandsReusedPerIssue { get; init; }
}
