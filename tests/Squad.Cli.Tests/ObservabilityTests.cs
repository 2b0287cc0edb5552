using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Squad.Cli.Observability;
using Squad.Core.Agents;
using Squad.Core.Security;
using Squad.Core.Telemetry;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>Logs on Serilog (text or CLEF JSON, redacted) and traces and metrics by OTLP, over real HTTP on loopback.</summary>
public sealed partial class ObservabilityTests
{
    private const string Secret = "ghp_observability0123456789abcdefSECRET";

    [Fact]
    public void JsonLog_OneClefObjectPerLine_WithEverySecretRedacted()
    {
        using var error = new StringWriter();
        using (CliLogging.Begin("json", "information", error, new SecretRedactor([Secret])))
        {
            var logger = CliLogging.Current.CreateLogger("Squad.GitHub");
            var header = "Authorization: token " + Secret;
            var failure = new InvalidOperationException("refused " + Secret);
            TestLog.Pushed(logger, "squad/chk-1", header);
            TestLog.PushFailed(logger, failure, "acme/checkout");
            TestLog.Detail(logger, 1);
        }

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("pushed {Branch} with {Header}", first.GetProperty("@mt").GetString());
        Assert.True(first.TryGetProperty("@t", out _));
        Assert.Equal("squad/chk-1", first.GetProperty("Branch").GetString());
        Assert.Equal($"Authorization: token {SecretRedactor.Mask}", first.GetProperty("Header").GetString());
        Assert.Equal("Warning", second.GetProperty("@l").GetString());
        Assert.Contains("refused", second.GetProperty("@x").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownLogFormatOrLevel_OneLineErrorAndExit2()
    {
        var format = await CliResult.RunAsync("doctor", "--log-format", "xml");
        var level = await CliResult.RunAsync("doctor", "--log-level", "loud");

        Assert.Equal(2, format.ExitCode);
        Assert.Equal(["error: --log-format 'xml' is not known: use text or json"], format.ErrorLines);
        Assert.Equal(2, level.ExitCode);
        Assert.Equal(["error: --log-level 'loud' is not known: use trace, debug, information, warning or error"], level.ErrorLines);
    }

    [Fact]
    public async Task Otlp_ExportsSquadPassToolAndModelSpansAndMetrics_WithoutMessageText()
    {
        await using var collector = LoopbackServer.Start(_ => new LoopbackResponse { ContentType = "application/x-protobuf" });
        var invocation = new AgentInvocation { RunId = "run-1", IssueIdentifier = "CHK-1", Role = "developer", Pass = 1, Model = "scripted" };
        using (CliTelemetry.ToCollector(collector.BaseAddress))
        {
            var squad = SquadTelemetry.StartSquad("CHK-1", "checkout-v1", "run-1");
            using (SquadTelemetry.StartPass(invocation))
            {
                using var model = new OpenTelemetryChatClient(new UsageClient(), sourceName: SquadTelemetry.SourceName);
                await model.GetResponseAsync([new ChatMessage(ChatRole.User, $"the prompt {Secret}")], new ChatOptions { ModelId = "scripted" });
                SquadTelemetry.ToolCall(invocation, new AgentToolCall { Name = "run_command", Arguments = "{}", Status = ToolCallStatus.Ok, ExitCode = 0, Duration = TimeSpan.FromMilliseconds(40) });
            }

            SquadTelemetry.EndSquad(squad, "Merged");
            squad?.Dispose();
        }

        var traces = collector.Requests.Where(r => r.Path == "/v1/traces").ToList();
        var metrics = collector.Requests.Where(r => r.Path == "/v1/metrics").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.Headers["Content-Type"]));
        var spans = string.Concat(traces.Select(r => r.Body));
        Assert.Contains("squad CHK-1", spans, StringComparison.Ordinal);
        Assert.Contains("agent developer", spans, StringComparison.Ordinal);
        Assert.Contains("tool run_command", spans, StringComparison.Ordinal);
        Assert.Contains("gen_ai.usage.input_tokens", spans, StringComparison.Ordinal);
        Assert.Contains("squad.outcome", spans, StringComparison.Ordinal);
        Assert.DoesNotContain("the prompt", spans, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, spans, StringComparison.Ordinal);
        Assert.Contains("squad.tool.calls", string.Concat(metrics.Select(r => r.Body)), StringComparison.Ordinal);
    }

    /// <summary>A model that answers at once with usage, as a provider's response carries it.</summary>
    private sealed class UsageClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done")) { ModelId = "scripted", Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 8 } });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static partial class TestLog
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "pushed {Branch} with {Header}")]
        public static partial void Pushed(ILogger logger, string branch, string header);

        [LoggerMessage(Level = LogLevel.Warning, Message = "push failed for {Repository}")]
        public static partial void PushFailed(ILogger logger, Exception exception, string repository);

        [LoggerMessage(Level = LogLevel.Debug, Message = "below the level: {Value}")]
        public static partial void Detail(ILogger logger, int value);
    }
}
