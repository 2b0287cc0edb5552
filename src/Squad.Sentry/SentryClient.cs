using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Squad.Core;
using Squad.Core.Tracking;
using Squad.Sentry.Wire;

namespace Squad.Sentry;

/// <summary>
/// Reads the latest event of a Sentry issue a bug stub links to (<c>GET /api/0/organizations/ORG/issues/ID/events/latest/</c>)
/// and renders its exceptions as a stack trace, the raised exception and its innermost frame first.
/// </summary>
public sealed class SentryClient(HttpClient http, SentryOptions options) : IErrorTracker
{
    private const int MaxFramesPerException = 40;

    public Uri? FindLink(string issueText) => SentryLink.Find(issueText)?.Url;

    public async Task<string> ReadLatestEventAsync(Uri link, CancellationToken cancellationToken = default)
    {
        var sentry = SentryLink.Parse(link) ?? throw new SquadException(SquadErrorCode.InvalidInput, $"{link} is not a Sentry issue link");
        var root = options.ApiUrl ?? sentry.ApiRoot;
        var url = new Uri(root, $"api/0/organizations/{Uri.EscapeDataString(sentry.Organization)}/issues/{sentry.IssueId}/events/latest/");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AuthToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Failure($"Sentry at {root} could not be reached ({ex.Message})");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(Explain(response.StatusCode, sentry));
            }

            SentryEventWire? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync(SentryJsonContext.Default.SentryEventWire, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw Failure($"Sentry answered with JSON that is not an event ({ex.Message})");
            }

            return Render(body ?? throw Failure("Sentry answered with an empty event"));
        }
    }

    private static string Explain(HttpStatusCode status, SentryLink link) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"Sentry answered {(int)status}: SENTRY_AUTH_TOKEN is not valid for organization '{link.Organization}' (it needs the event:read scope)",
        HttpStatusCode.NotFound => $"Sentry has no issue {link.IssueId} in organization '{link.Organization}', or it has no event",
        HttpStatusCode.TooManyRequests => "Sentry answered 429: its rate limit is reached",
        _ => $"Sentry answered {(int)status} for issue {link.IssueId}",
    };

    internal static string Render(SentryEventWire body)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(body.Title))
        {
            text.AppendLine(body.Title.Trim());
        }

        foreach (var entry in body.Entries ?? [])
        {
            if (entry.Type != "exception" || entry.Data.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var data = entry.Data.Deserialize(SentryJsonContext.Default.SentryExceptionDataWire);
            var chain = data?.Values ?? [];
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                AppendException(text, chain[i], cause: i < chain.Count - 1);
            }
        }

        return text.Length == 0 ? "the event has no title and no exception" : text.ToString().TrimEnd();
    }

    private static void AppendException(StringBuilder text, SentryExceptionWire exception, bool cause)
    {
        var type = string.IsNullOrEmpty(exception.Module) || exception.Type?.Contains('.', StringComparison.Ordinal) == true
            ? exception.Type
            : $"{exception.Module}.{exception.Type}";
        text.AppendLine($"{(cause ? "caused by " : "")}{type ?? "exception"}: {exception.Value}".TrimEnd(' ', ':'));
        var frames = exception.Stacktrace?.Frames ?? [];
        foreach (var frame in Enumerable.Reverse(frames).Take(MaxFramesPerException))
        {
            var function = string.IsNullOrEmpty(frame.Module) ? frame.Function : $"{frame.Module}.{frame.Function}";
            var file = frame.Filename ?? frame.AbsPath;
            var line = frame.LineNo is { } number ? $":line {number}" : "";
            var location = file is null ? "" : $" in {file}{line}";
            var app = frame.InApp == true ? "  [app]" : "";
            text.Append("   at ").Append(function ?? "?").Append(location).AppendLine(app);
        }

        if (frames.Count > MaxFramesPerException)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   [{frames.Count - MaxFramesPerException} outer frames left out]");
        }
    }

    private static SquadException Failure(string message) => new(SquadErrorCode.Integration, message);
}
