using System.Diagnostics;
using System.Text.Json;

namespace Squad.Linear.Tests.Contract;

/// <summary>
/// Validates GraphQL documents against Linear's published schema with graphql-js, through node and
/// <c>tools/contracts/validate-graphql.mjs</c>. Missing node, schema or package fail loudly: CI has all three.
/// </summary>
public static class GraphQLSchemaValidator
{
    /// <summary>Per document, the validation errors (empty when valid).</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ValidateAsync(IReadOnlyList<string> documents)
    {
        var root = RepositoryRoot();
        var schema = Path.GetFullPath(Path.Combine(root, "..", "shared", "contracts", "linear-schema.graphql"));
        var script = Path.Combine(root, "tools", "contracts", "validate-graphql.mjs");
        Assert.True(File.Exists(schema), $"Linear's schema is missing at {schema}: the contract test needs ../shared/contracts/linear-schema.graphql beside the repository");
        Assert.True(
            Directory.Exists(Path.Combine(root, "tools", "contracts", "node_modules", "graphql")),
            "graphql-js is not installed: run 'npm ci --prefix tools/contracts'");

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, schema },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(root, "tools", "contracts"),
        };
        using var process = StartNode(start);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(documents));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode is 0 or 1, $"validate-graphql.mjs failed (exit {process.ExitCode}): {await error}");
        return JsonSerializer.Deserialize<List<List<string>>>(await output)!;
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"node is not on PATH ({exception.Message}): install Node.js to run the GraphQL contract test");
            throw;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Squad.sln")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"no Squad.sln above {AppContext.BaseDirectory}: run the tests from the repository");
        return "";
    }
}
