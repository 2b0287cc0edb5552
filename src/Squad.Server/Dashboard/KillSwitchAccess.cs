using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Squad.Server.Dashboard;

/// <summary>
/// Who may press the kill switch: Slack's allow-list has no browser counterpart, so the operator configures a token
/// (<c>SQUAD_DASHBOARD_TOKEN</c>) and whoever presses types it. It travels in the <c>Authorization</c> header, which a
/// browser never adds by itself, so another site cannot forge the press (CSRF); requests that say they come from another
/// origin, or carry anything but JSON (the body of a plain HTML form), are refused before the token is even read.
/// </summary>
internal sealed class KillSwitchAccess(string? token)
{
    public KillSwitchRefusal? Check(HttpRequest request)
    {
        if (token is null)
        {
            return new(StatusCodes.Status403Forbidden, KillSwitch.NoTokenReason);
        }

        var self = $"{request.Scheme}://{request.Host}";
        if (request.Headers.Origin.Count > 0 && !string.Equals(request.Headers.Origin.ToString(), self, StringComparison.OrdinalIgnoreCase))
        {
            return new(StatusCodes.Status403Forbidden, $"the kill switch is pressed only from this dashboard's own page ({self}), not from {request.Headers.Origin}");
        }

        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
        {
            return new(StatusCodes.Status403Forbidden, $"the kill switch is pressed only from this dashboard's own page, not from a {site} request");
        }

        if (!request.HasJsonContentType())
        {
            return new(StatusCodes.Status415UnsupportedMediaType, """send application/json: {"engaged": true} or {"engaged": false}""");
        }

        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token)))
        {
            return new(StatusCodes.Status401Unauthorized, "that is not the operator's token (SQUAD_DASHBOARD_TOKEN of this squad serve): merges are unchanged");
        }

        return null;
    }
}
