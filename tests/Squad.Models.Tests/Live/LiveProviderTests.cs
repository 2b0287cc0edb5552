using Squad.Core.Agents;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Models.Tests.Live;

/// <summary>
/// One tiny agent pass against each real provider, with the key from the environment: the model must call
/// read_file and answer with what it read. The model can be chosen with <c>SQUAD_LIVE_OPENAI_MODEL</c> and
/// <c>SQUAD_LIVE_ANTHROPIC_MODEL</c>; the endpoints follow <c>OPENAI_BASE_URL</c> and <c>ANTHROPIC_BASE_URL</c>.
/// </summary>
public sealed class LiveProviderTests : IDisposable
{
    private const string Word = "marmalade-4711";
    private const string Briefing = "Call read_file on notes.txt, then answer with the exact word it contains and nothing else.";
    private readonly AgentPass pass = new();

    public LiveProviderTests() => pass.Write("notes.txt", Word + "\n");

    public void Dispose() => pass.Dispose();

    [LiveFact("OPENAI_API_KEY")]
    public Task RunAsync_OpenAI_ReadsTheFileAndAnswersWithItsWord()
        => AssertReadsTheWordAsync($"openai:{Environment.GetEnvironmentVariable("SQUAD_LIVE_OPENAI_MODEL") ?? "gpt-4.1-mini"}");

    [LiveFact("ANTHROPIC_API_KEY")]
    public Task RunAsync_Anthropic_ReadsTheFileAndAnswersWithItsWord()
        => AssertReadsTheWordAsync($"anthropic:{Environment.GetEnvironmentVariable("SQUAD_LIVE_ANTHROPIC_MODEL") ?? "claude-haiku-4-5"}");

    private async Task AssertReadsTheWordAsync(string model)
    {
        var models = ModelProviderFactory.Create(new ModelSettings { Models = [model] }, scriptPath: null);

        var result = await pass.RunAsync(models, AgentPass.Reader(model, maxTurns: 4), Briefing);

        Assert.Equal(AgentStopReason.Completed, result.StopReason);
        Assert.Contains(result.ToolCalls, c => c.Name == ToolNames.ReadFile && c.Status == ToolCallStatus.Ok);
        Assert.Contains(Word, result.FinalText, StringComparison.Ordinal);
    }
}
