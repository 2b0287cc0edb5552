using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Squad.Core.Telemetry;

namespace Squad.Cli.Observability;

/// <summary>
/// OpenTelemetry for one command: Squad's spans (squads, agent passes, tool calls, model calls with GenAI attributes) and
/// metrics (tool calls and durations, squads by outcome, model token usage) exported by OTLP. Off unless
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter then reads the standard <c>OTEL_EXPORTER_OTLP_*</c> variables
/// (protocol, headers, per-signal endpoints). Disposing flushes what is pending.
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    private readonly TracerProvider tracing;
    private readonly MeterProvider metrics;

    private CliTelemetry(TracerProvider tracing, MeterProvider metrics)
    {
        this.tracing = tracing;
        this.metrics = metrics;
    }

    /// <summary>Exporting when the environment names an OTLP endpoint; null otherwise.</summary>
    public static CliTelemetry? FromEnvironment(Func<string, string?> environment)
        => string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT")) ? null : Start(configureTraces: null, configureMetrics: null);

    /// <summary>Exporting to one OTLP/HTTP collector at <paramref name="collector"/> (its /v1/traces and /v1/metrics).</summary>
    public static CliTelemetry ToCollector(Uri collector) => Start(
        o => { o.Endpoint = new Uri(collector, "v1/traces"); o.Protocol = OtlpExportProtocol.HttpProtobuf; },
        o => { o.Endpoint = new Uri(collector, "v1/metrics"); o.Protocol = OtlpExportProtocol.HttpProtobuf; });

    private static CliTelemetry Start(Action<OtlpExporterOptions>? configureTraces, Action<OtlpExporterOptions>? configureMetrics)
    {
        var resource = ResourceBuilder.CreateDefault().AddService("squad", serviceVersion: SquadVersion.Text);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(SquadTelemetry.SourceName)
            .AddOtlpExporter(o => configureTraces?.Invoke(o))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(SquadTelemetry.SourceName)
            .AddOtlpExporter(o => configureMetrics?.Invoke(o))
            .Build();
        return new CliTelemetry(tracing, metrics);
    }

    public void Dispose()
    {
        tracing.ForceFlush();
        metrics.ForceFlush();
        tracing.Dispose();
        metrics.Dispose();
    }
}
