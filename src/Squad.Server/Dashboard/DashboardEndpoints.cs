using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Squad.Server.Dashboard;

/// <summary>
/// The dashboard's routes on <c>squad serve</c>'s listener: the page and its two assets, read-only JSON under <c>/api</c>,
/// and the one write, <c>POST /api/kill-switch</c>, behind <see cref="KillSwitchAccess"/>.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app, DashboardOptions options, TimeProvider time)
    {
        var builder = new DashboardBuilder(options.Store, options.Audit, time);
        var killSwitch = new KillSwitch(options.MergeStop ?? new FileMergeStop(options.KillSwitchFile), options.Token is not null, time);
        var access = new KillSwitchAccess(options.Token);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpoints).FullName!);
        var group = app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            SecurityHeaders(context.HttpContext.Response);
            return await next(context);
        });

        group.MapGet("/", () => Results.Text(DashboardPage.Served(), "text/html; charset=utf-8"));
        group.MapGet("/dashboard.js", () => Results.Text(DashboardPage.Script, "text/javascript; charset=utf-8"));
        group.MapGet("/dashboard.css", () => Results.Text(DashboardPage.Style, "text/css; charset=utf-8"));
        group.MapGet("/api/runs", async (CancellationToken cancellationToken)
            => Results.Json(await builder.SnapshotAsync(await killSwitch.StateAsync(cancellationToken), cancellationToken), DashboardJsonContext.Default.DashboardSnapshot));
        group.MapGet("/api/runs/{id}", async (string id, CancellationToken cancellationToken)
            => await builder.RunAsync(id, await killSwitch.StateAsync(cancellationToken), offline: false, cancellationToken) is { } run
                ? Results.Json(run, DashboardJsonContext.Default.DashboardRun)
                : NotFound(id));
        group.MapGet("/api/runs/{id}/audit", async (string id, string? issue, CancellationToken cancellationToken)
            => string.IsNullOrEmpty(issue)
                ? Error(StatusCodes.Status400BadRequest, "say which squad: ?issue=IDENTIFIER")
                : await options.Store.GetRunAsync(id, cancellationToken) is null
                    ? NotFound(id)
                    : Results.Json(await builder.AuditAsync(id, issue, cancellationToken), DashboardJsonContext.Default.DashboardAudit));
        group.MapPost("/api/kill-switch", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (access.Check(request) is { } refusal)
            {
                return Error(refusal.Status, refusal.Message);
            }

            KillSwitchRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(request.Body, DashboardJsonContext.Default.KillSwitchRequest, cancellationToken);
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body is null)
            {
                return Error(StatusCodes.Status400BadRequest, """send {"engaged": true} to stop merges or {"engaged": false} to allow them""");
            }

            var state = await killSwitch.SetAsync(body.Engaged, cancellationToken);
            ServerLog.KillSwitchPressed(logger, state.Engaged ? "engaged: merges stop" : "released: merges allowed", request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Json(state, DashboardJsonContext.Default.KillSwitchState);
        });
    }

    private static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = DashboardPage.ServedPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static IResult NotFound(string id)
        => Error(StatusCodes.Status404NotFound, $"there is no run {id} in this data directory: GET /api/runs lists the latest runs");

    private static IResult Error(int status, string message)
        => Results.Json(new DashboardError { Error = message }, DashboardJsonContext.Default.DashboardError, statusCode: status);
}
