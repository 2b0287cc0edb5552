namespace Squad.Cli.Tests;

/// <summary>One scripted run of the notes milestone, recorded once for the trace tests, which only read it.</summary>
public sealed class TraceRecording : IAsyncLifetime
{
    internal NotesFixture Notes { get; } = new();

    internal CliResult Run { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync() => Run = await Notes.RunAsync();

    public Task DisposeAsync()
    {
        Notes.Dispose();
        return Task.CompletedTask;
    }
}
