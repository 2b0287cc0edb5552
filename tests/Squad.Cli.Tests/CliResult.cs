using System.Text.Json;

namespace Squad.Cli.Tests;

/// <summary>What one invocation of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SquadCli.InvokeAsync(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }

    public JsonElement Squad(string issue)
        => Json().GetProperty("squads").EnumerateArray().Single(s => s.GetProperty("issue").GetString() == issue);

    /// <summary>The error lines, without the blank ones.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
