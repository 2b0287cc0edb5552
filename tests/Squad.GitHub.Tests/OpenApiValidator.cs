using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Squad.Core.Git;
using Squad.GitHub.Tests.Fakes;

namespace Squad.GitHub.Tests;

/// <summary>
/// Runs <c>tools/contracts/validate-github.mjs</c> with node over recorded requests: each must be an operation of
/// GitHub's OpenAPI description, with known query parameters and a body valid against the operation's schema.
/// </summary>
public static class OpenApiValidator
{
    public static async Task<(bool Valid, string Report)> ValidateAsync(IEnumerable<RecordedRequest> requests)
    {
        var script = FindScript();
        var input = new JsonArray([.. requests.Select(r => (JsonNode)new JsonObject
        {
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["query"] = r.Query.TrimStart('?'),
            ["body"] = r.Body,
        })]).ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("node", [script], Path.GetDirectoryName(script)!, timeout: TimeSpan.FromMinutes(2), standardInput: input);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"node is not on PATH ({exception.Message}); install Node.js 20 or later and run: npm ci --prefix tools/contracts", exception);
        }

        return (result.Succeeded, result.Combined.Trim());
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var contracts = Path.Combine(directory.FullName, "tools", "contracts");
            var script = Path.Combine(contracts, "validate-github.mjs");
            if (File.Exists(script))
            {
                return Directory.Exists(Path.Combine(contracts, "node_modules", "@octokit", "openapi"))
                    ? script
                    : throw new InvalidOperationException($"GitHub's OpenAPI description is not installed in {contracts}; run: npm ci --prefix tools/contracts");
            }
        }

        throw new InvalidOperationException($"tools/contracts/validate-github.mjs was not found above {AppContext.BaseDirectory}; run the tests from the repository");
    }
}
