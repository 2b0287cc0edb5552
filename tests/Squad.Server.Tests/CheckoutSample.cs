using Squad.Testing;

namespace Squad.Server.Tests;

/// <summary>A private copy of the shipped checkout sample (repository, milestone, bug stubs), and a data directory.</summary>
internal sealed class CheckoutSample : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-fix-" + Guid.NewGuid().ToString("N")[..12]);

    public CheckoutSample() => TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "checkout"), root);

    /// <summary>The local folder of bug stubs (CHK-41, a Sentry stub with a stack trace) and their script.</summary>
    public string Bugs => Path.Combine(root, "bugs");

    public string DataDirectory => Path.Combine(root, "data");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
