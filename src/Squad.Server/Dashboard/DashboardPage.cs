using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Squad.Server.Dashboard;

/// <summary>
/// The dashboard's one page, in two forms: served (script and style from this server, data fetched from <c>/api</c>) and a
/// report (script, style and data inline, allowed by hash in a meta policy, so the file works offline and reaches nothing).
/// The script builds every element with <c>textContent</c>: nothing the store holds is ever parsed as markup.
/// </summary>
internal static class DashboardPage
{
    /// <summary>The served page's policy: nothing inline, nothing from elsewhere, no framing, no forms.</summary>
    public const string ServedPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Script { get; } = Resource("dashboard.js");

    public static string Style { get; } = Resource("dashboard.css");

    private static string Template { get; } = Resource("dashboard.html");

    public static string Served() => Template
        .Replace("<!--head-->", """<link rel="stylesheet" href="dashboard.css">""", StringComparison.Ordinal)
        .Replace("<!--scripts-->", """<script src="dashboard.js"></script>""", StringComparison.Ordinal);

    /// <summary>The page with <paramref name="json"/> (a <see cref="DashboardRun"/> from <see cref="DashboardJsonContext"/>) inside.</summary>
    public static string Report(string json)
    {
        if (json.Contains('<', StringComparison.Ordinal))
        {
            // The context's encoder escapes it; a raw one could close the data element.
            throw new ArgumentException("the embedded JSON must not hold a raw '<'", nameof(json));
        }

        var policy = $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; img-src data:; base-uri 'none'; form-action 'none'";
        return Template
            .Replace("<!--head-->", $"""<meta http-equiv="Content-Security-Policy" content="{policy}"><style>{Style}</style>""", StringComparison.Ordinal)
            .Replace("<!--scripts-->", $"""<script type="application/json" id="squad-data">{json}</script><script>{Script}</script>""", StringComparison.Ordinal);
    }

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Squad.Server.Dashboard." + name)
            ?? throw new InvalidOperationException($"the dashboard resource {name} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
