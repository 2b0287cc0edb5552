namespace Squad.Benchmark;

/// <summary>One generated issue: its identifier, the module it concerns and the files its squad writes (its own only).</summary>
internal sealed record IssuePlan
{
    public required string Identifier { get; init; }

    public required string Title { get; init; }

    /// <summary>The module folder its agents read, such as <c>src/module07</c>.</summary>
    public required string ModuleFolder { get; init; }

    public required IReadOnlyList<string> ModuleFiles { get; init; }

    /// <summary>The file the Developer writes, in a folder of this issue alone.</summary>
    public required string FeatureFile { get; init; }

    /// <summary>The test QA writes.</summary>
    public required string TestFile { get; init; }

    /// <summary>What the feature file must say, by the issue's scenarios.</summary>
    public string ReadyLine => $"{Identifier} ready";

    public string ModuleName => Path.GetFileName(ModuleFolder);
}
