using Xunit;

namespace Squad.Testing;

/// <summary>
/// A fact checked by Node.js against a published schema (<c>tools/contracts</c>: Linear's SDL through graphql-js,
/// GitHub's OpenAPI description from <c>@octokit/openapi</c>, the JSON Schemas through ajv): skipped, saying what to
/// install, on a machine without node or without the contract packages, except in CI (<c>CI=true</c>, where
/// <c>.ci/run</c> installs them), where their absence must fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SchemaFactAttribute : FactAttribute
{
    public SchemaFactAttribute()
    {
        if (Unavailable is { } reason && !BubblewrapFactAttribute.InCi)
        {
            Skip = $"{reason}; install Node.js 20 or later and run: npm ci --prefix tools/contracts (CI=true makes this a failure)";
        }
    }

    /// <summary>Why the schemas cannot be checked here; null when node and the contract packages are there.</summary>
    public static string? Unavailable { get; } = Find();

    private static string? Find()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "node")));
        if (!onPath)
        {
            return "node is not on PATH";
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var contracts = Path.Combine(folder.FullName, "tools", "contracts");
            if (File.Exists(Path.Combine(contracts, "package.json")))
            {
                return Directory.Exists(Path.Combine(contracts, "node_modules")) ? null : $"the contract packages are not installed in {contracts}";
            }
        }

        return "tools/contracts was not found above the test's folder";
    }
}
