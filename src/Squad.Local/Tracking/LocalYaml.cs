using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Squad.Local.Tracking;

/// <summary>The YAML reader and writer of the local tracker's files, and how their errors read.</summary>
internal static class LocalYaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static T? Deserialize<T>(string yaml)
        where T : class => Deserializer.Deserialize<T?>(yaml);

    /// <summary>Renders one top-level key and its value (<c>labels:\n- bug\n</c>).</summary>
    public static string Render(string key, object value) =>
        Serializer.Serialize(new Dictionary<string, object> { [key] = value });

    /// <summary>
    /// Describes a YAML error as "line N ('the line'): what is wrong", with N counted in the file,
    /// <paramref name="lineOffset"/> lines after the start of the YAML.
    /// </summary>
    public static string Describe(YamlException exception, string yaml, int lineOffset)
    {
        var message = Explain(exception);
        var line = (int)exception.Start.Line;
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return message;
        }

        var text = lines[line - 1].Trim();
        return string.Create(CultureInfo.InvariantCulture, $"line {line + lineOffset} ('{text}'): {message}");
    }

    private static string Explain(YamlException exception)
    {
        var inner = exception.InnerException;
        if (inner is InvalidCastException && inner.Message.Contains("List", StringComparison.Ordinal))
        {
            return "a single value where a list belongs (write [a, b] or one '- item' per line)";
        }

        if (exception.Message.StartsWith("No node deserializer", StringComparison.Ordinal))
        {
            return "a list or mapping where a single value belongs";
        }

        var message = inner is null or YamlException ? exception.Message : inner.Message;
        return message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }
}
