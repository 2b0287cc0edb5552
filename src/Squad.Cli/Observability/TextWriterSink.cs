using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Squad.Cli.Observability;

/// <summary>Writes each event to the command's own error writer, one at a time (squads log from several threads).</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
