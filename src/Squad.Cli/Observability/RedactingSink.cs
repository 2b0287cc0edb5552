using Serilog.Core;
using Serilog.Events;
using Squad.Core.Security;

namespace Squad.Cli.Observability;

/// <summary>
/// Secrets never reach a log: every string value of an event (structured properties, nested ones, and the exception's
/// text) goes through the redactor before any formatter sees it. Message templates are constants of our own code.
/// </summary>
internal sealed class RedactingSink(ILogEventSink inner, SecretRedactor redactor) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redact(p.Value)));
        var exception = logEvent.Exception is { } ex ? new RedactedException(ex.GetType().FullName ?? "Exception", redactor.Redact(ex.ToString())) : null;
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, logEvent.MessageTemplate, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default));
    }

    private LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(redactor.Redact(text)),
        ScalarValue { Value: Uri uri } => new ScalarValue(redactor.Redact(uri.ToString())),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Redact)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e => KeyValuePair.Create((ScalarValue)Redact(e.Key), Redact(e.Value)))),
        _ => value,
    };
}
