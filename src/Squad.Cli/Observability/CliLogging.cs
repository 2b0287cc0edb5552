using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Squad.Core;
using Squad.Core.Security;

namespace Squad.Cli.Observability;

/// <summary>
/// The log of one command, on Serilog: human lines or one JSON object per event (<c>--log-format json</c>, CLEF: <c>@t</c>,
/// <c>@mt</c>, <c>@l</c> and the event's properties), on standard error, every value through the secret redactor.
/// </summary>
internal static class CliLogging
{
    private static readonly AsyncLocal<ILoggerFactory?> CurrentFactory = new();
    private static readonly AsyncLocal<Serilog.ILogger?> CurrentSerilog = new();

    /// <summary>The factory of the command running on this async flow (commands run side by side in tests).</summary>
    public static ILoggerFactory Current => CurrentFactory.Value ?? NullLoggerFactory.Instance;

    /// <summary>The Serilog logger behind <see cref="Current"/>, for hosts that take Serilog itself.</summary>
    public static Serilog.ILogger? CurrentLogger => CurrentSerilog.Value;

    /// <exception cref="SquadException">An unknown format or level (<see cref="SquadErrorCode.InvalidInput"/>).</exception>
    public static IDisposable Begin(string format, string level, TextWriter error, SecretRedactor redactor)
    {
        var minimum = ParseLevel(level);
        var configuration = new LoggerConfiguration().MinimumLevel.Is(minimum).Enrich.FromLogContext();
        var sink = format switch
        {
            "text" => (ILogEventSink)new TextWriterSink(error, new MessageTemplateTextFormatter("{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")),
            "json" => new TextWriterSink(error, new CompactJsonFormatter()),
            _ => throw new SquadException(SquadErrorCode.InvalidInput, $"--log-format '{format}' is not known: use text or json"),
        };
        var logger = configuration.WriteTo.Sink(new RedactingSink(sink, redactor)).CreateLogger();
        var factory = new SerilogLoggerFactory(logger, dispose: true);
        CurrentFactory.Value = factory;
        CurrentSerilog.Value = logger;
        return factory;
    }

    private static LogEventLevel ParseLevel(string level) => level switch
    {
        "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => throw new SquadException(SquadErrorCode.InvalidInput, $"--log-level '{level}' is not known: use trace, debug, information, warning or error"),
    };
}
