namespace Squad.Cli.Tests;

/// <summary>A test that needs util-linux <c>flock</c> to hold a lock from another process; skipped, saying so, without it.</summary>
internal sealed class FlockFactAttribute : FactAttribute
{
    public const string FlockPath = "/usr/bin/flock";

    public FlockFactAttribute()
    {
        if (!File.Exists(FlockPath))
        {
            Skip = $"{FlockPath} (util-linux) is not installed: this test holds the lock from another process with it";
        }
    }
}
