namespace Squad.Cli.Tests;

/// <summary>Tests that change this process's environment variables: they run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentTests
{
    public const string Name = "process environment";
}
