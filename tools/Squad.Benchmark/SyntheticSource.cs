using System.Globalization;
using System.Text;

namespace Squad.Benchmark;

/// <summary>
/// Deterministic, code-shaped text for the synthetic repository: C# classes of small methods and
/// Markdown pages, from a seeded generator so that every run measures the same repository.
/// </summary>
internal sealed class SyntheticSource(Random random)
{
    /// <summary>The symbol one file of every module registers with: a repository-wide search finds one line per module.</summary>
    public const string RegistrySymbol = "ModuleRegistry.Register";

    private static readonly string[] Words =
    [
        "account", "amount", "balance", "batch", "buffer", "cache", "channel", "checkout", "client", "column",
        "config", "counter", "cursor", "discount", "document", "entry", "event", "filter", "format", "handler",
        "header", "index", "invoice", "item", "journal", "key", "ledger", "limit", "line", "locale",
        "message", "metric", "node", "offset", "order", "owner", "page", "parser", "payment", "policy",
        "price", "queue", "quota", "range", "rate", "record", "region", "report", "request", "result",
        "route", "rule", "schema", "scope", "segment", "session", "shipment", "signal", "slot", "source",
        "stage", "state", "stock", "stream", "summary", "supplier", "table", "target", "tax", "tenant",
        "ticket", "timer", "token", "total", "trace", "unit", "user", "value", "vendor", "window",
    ];

    public string CSharpFile(string module, string type, int targetBytes, bool registers)
    {
        var text = new StringBuilder(targetBytes + 512);
        text.Append("namespace Synthetic.").Append(Pascal(module)).Append(";\n\n");
        text.Append("/// <summary>The ").Append(Word()).Append(' ').Append(Word()).Append(" of the ").Append(Word()).Append(" module.</summary>\n");
        text.Append("internal sealed class ").Append(type).Append("\n{\n");
        if (registers)
        {
            text.Append("    static ").Append(type).Append("() => ").Append(RegistrySymbol).Append("(typeof(").Append(type).Append("));\n\n");
        }

        for (var method = 0; text.Length < targetBytes; method++)
        {
            AppendMethod(text, method);
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>The same class with one more method before its closing brace: a later commit of the history.</summary>
    public string WithExtraMethod(string source)
    {
        var end = source.LastIndexOf('}');
        var text = new StringBuilder(source, 0, end, source.Length + 400);
        AppendMethod(text, 1000 + random.Next(1000));
        return text.Append("}\n").ToString();
    }

    public string Document(string title, int targetBytes)
    {
        var text = new StringBuilder(targetBytes + 256).Append("# ").Append(title).Append("\n\n");
        while (text.Length < targetBytes)
        {
            text.Append("## The ").Append(Word()).Append(' ').Append(Word()).Append("\n\n");
            for (var sentence = 0; sentence < 6; sentence++)
            {
                text.Append("Each ").Append(Word()).Append(" keeps its ").Append(Word()).Append(" within the ")
                    .Append(Word()).Append(" limit, so that a ").Append(Word()).Append(" never sees a stale ").Append(Word()).Append(". ");
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }

    public int Size(int min, int max) => random.Next(min, max + 1);

    public static string Pascal(string word) => string.Concat(
        word.Split('-', '_').Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private void AppendMethod(StringBuilder text, int index)
    {
        var (a, b, c) = (Word(), Word(), Word());
        var name = $"Compute{Pascal(a)}{Pascal(b)}{index.ToString(CultureInfo.InvariantCulture)}";
        var factor = random.Next(2, 97).ToString(CultureInfo.InvariantCulture);
        var modulus = random.Next(100, 9_999).ToString(CultureInfo.InvariantCulture);
        text.Append("    /// <summary>Computes the ").Append(a).Append(' ').Append(b).Append(" of a ").Append(c).Append(".</summary>\n");
        text.Append("    public static int ").Append(name).Append("(int ").Append(c).Append(", int ").Append(a).Append("Limit)\n    {\n");
        text.Append("        var ").Append(b).Append(" = ").Append(c).Append(" * ").Append(factor).Append(" + ").Append(a).Append("Limit;\n");
        text.Append("        if (").Append(b).Append(" > ").Append(a).Append("Limit)\n        {\n");
        text.Append("            return ").Append(b).Append(" % ").Append(modulus).Append(";\n        }\n\n");
        text.Append("        return ").Append(a).Append("Limit - ").Append(b).Append(";\n    }\n\n");
    }

    private string Word() => Words[random.Next(Words.Length)];
}
