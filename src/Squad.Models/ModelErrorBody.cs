using System.Text.Json;

namespace Squad.Models;

/// <summary>Reads the human part of a provider's error body: <c>error.message</c> in both OpenAI's and Anthropic's shape.</summary>
internal static class ModelErrorBody
{
    private const int MaxLength = 300;

    /// <summary>The error message, the body's first line when it is not JSON, or null when there is nothing to say.</summary>
    public static string? Message(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return Shorten(message.GetString());
            }

            return null;
        }
        catch (JsonException)
        {
            // A proxy's HTML page or plain text: its first line says enough.
            return Shorten(body.AsSpan().TrimStart().ToString().Split('\n', 2)[0]);
        }
    }

    private static string? Shorten(string? text)
    {
        var line = text?.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(line) ? null : line.Length <= MaxLength ? line : line[..MaxLength] + "…";
    }
}
