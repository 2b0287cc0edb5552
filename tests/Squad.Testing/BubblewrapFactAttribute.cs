using Xunit;

namespace Squad.Testing;

/// <summary>
/// A fact about the bubblewrap sandbox: skipped, saying why, on a machine that cannot run it, except in CI
/// (<c>CI=true</c>), where the sandbox is part of what is tested and its absence must fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BubblewrapFactAttribute : FactAttribute
{
    public BubblewrapFactAttribute()
    {
        if (TestSandbox.Unavailable is { } reason && !InCi)
        {
            Skip = $"no bubblewrap sandbox here ({reason}); CI=true makes this a failure";
        }
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
