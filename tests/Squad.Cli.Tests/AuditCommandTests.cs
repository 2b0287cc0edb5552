using System.Text.Json;

namespace Squad.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private static readonly string[] Roles = ["qa", "developer", "code-reviewer", "qa-specialist"];
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Audit_AfterARun_ListsEveryModelCallWithRoleModelHashesTokensAndCost()
    {
        var runId = (await notes.RunAsync()).Json().GetProperty("run").GetProperty("id").GetString()!;

        var audit = (await AuditAsync(runId, "--json")).Json();

        var modelCalls = audit.GetProperty("modelCalls").EnumerateArray().ToList();

        // QA and the Developer two calls each (their final text finishes the pass), each reviewer one (submit_review ends it).
        Assert.Equal(6, modelCalls.Count);
        Assert.Equal(Roles.Order(), modelCalls.Select(c => c.GetProperty("role").GetString()).Distinct().Order());
        Assert.All(modelCalls, call =>
        {
            Assert.Equal(("NOTE-1", "scripted", "scripted"), (Text(call, "issue"), Text(call, "provider"), Text(call, "model")));
            Assert.Matches("^[0-9a-f]{64}$", Text(call, "requestSha256"));
            Assert.Matches("^[0-9a-f]{64}$", Text(call, "responseSha256"));
            Assert.True(call.GetProperty("inputTokens").GetInt64() > 0);
            Assert.True(call.GetProperty("costUsd").GetDecimal() > 0);
        });
        var toolCalls = audit.GetProperty("toolCalls").EnumerateArray().ToList();
        var write = toolCalls.First(c => Text(c, "tool") == "write_file");
        Assert.Equal(0, write.GetProperty("exitCode").GetInt32());
        Assert.Equal("tests/greeting.sh", write.GetProperty("arguments").GetProperty("path").GetString());
        Assert.False(toolCalls.First(c => Text(c, "tool") == "submit_review").TryGetProperty("exitCode", out _));
    }

    [Fact]
    public async Task Audit_JsonLinesFile_HoldsOneObjectPerCallInTimeOrderWithItsKind()
    {
        await notes.RunAsync();
        var file = Path.Combine(notes.DataDirectory, "audit.jsonl");

        var result = await CliResult.RunAsync("audit", "--data-dir", notes.DataDirectory, "--jsonl", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Model calls", result.Output, StringComparison.Ordinal);
        Assert.Contains("6 model calls", result.Output, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(file)).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.Equal(6, lines.Count(l => Text(l, "kind") == "model_call"));
        Assert.Equal(9, lines.Count(l => Text(l, "kind") == "tool_call"));
        Assert.Equal(2, lines.Count(l => Text(l, "kind") == "tool_call" && Text(l, "tool") == "finish"));
        var times = lines.Select(l => l.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task RunAndStatus_Summary_ShowTokensAndCostPerIssueAndPerRole()
    {
        var run = (await notes.RunAsync()).Json();

        var squads = run.GetProperty("squads").EnumerateArray().ToDictionary(s => Text(s, "issue"), s => s.GetProperty("usage"));
        Assert.Equal(6, squads["NOTE-1"].GetProperty("calls").GetInt64());
        Assert.True(squads["NOTE-1"].GetProperty("costUsd").GetDecimal() > 0);
        Assert.Equal(0, squads["NOTE-2"].GetProperty("calls").GetInt64());
        var roles = run.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(Roles, roles.Select(r => Text(r, "role")));
        var total = run.GetProperty("usage").GetProperty("costUsd").GetDecimal();
        Assert.Equal(total, roles.Sum(r => r.GetProperty("usage").GetProperty("costUsd").GetDecimal()));
        Assert.Equal(total, squads["NOTE-1"].GetProperty("costUsd").GetDecimal());
        var table = await CliResult.RunAsync("status", "--data-dir", notes.DataDirectory);
        Assert.Contains("Cost", table.Output, StringComparison.Ordinal);
        Assert.Contains("qa-specialist", table.Output, StringComparison.Ordinal);
        Assert.Contains("$" + total.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_UnknownRun_ExitsTwoNamingTheRun()
    {
        await notes.RunAsync();

        var result = await AuditAsync("run-404");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run 'run-404' is not in", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private Task<CliResult> AuditAsync(string runId, params string[] extra)
        => CliResult.RunAsync(["audit", runId, "--data-dir", notes.DataDirectory, .. extra]);
}
