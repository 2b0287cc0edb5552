using System.Net;
using Squad.Core;

namespace Squad.Linear;

/// <summary>
/// Where every Linear failure becomes a <see cref="SquadException"/> with one line saying what to do. Nothing here
/// ever includes the credential: messages are built from status codes and Linear's own error text only.
/// </summary>
internal static class LinearFailures
{
    public const string Unauthorized = "Linear refused the API key (401): set LINEAR_API_KEY to a valid key";

    public static bool IsRateLimited(HttpStatusCode status, IReadOnlyList<GraphQLError>? errors) =>
        status == HttpStatusCode.TooManyRequests || errors?.Any(e => e.Extensions?.Code == "RATELIMITED") == true;

    /// <summary>The failure of an answer, or null when it carries data and no errors.</summary>
    public static SquadException? Of(HttpStatusCode status, IReadOnlyList<GraphQLError>? errors, string operation, string? notFound)
    {
        var first = errors is { Count: > 0 } ? errors[0] : null;
        if (status == HttpStatusCode.Unauthorized || IsAuthentication(first))
        {
            return new SquadException(SquadErrorCode.Integration, Unauthorized);
        }

        if (first is not null && notFound is not null && errors!.Any(IsNotFound))
        {
            return new SquadException(SquadErrorCode.InvalidInput, notFound);
        }

        if (first is not null)
        {
            var text = OneLine(first.Extensions?.UserPresentableMessage ?? first.Message);
            return new SquadException(SquadErrorCode.Integration, $"Linear refused {operation}: {text}");
        }

        return (int)status switch
        {
            >= 200 and < 300 => null,
            403 => new SquadException(SquadErrorCode.Integration,
                $"Linear refused {operation} (403): give the key access to this workspace and team"),
            >= 500 => new SquadException(SquadErrorCode.Integration,
                $"Linear failed {operation} ({(int)status}): try again later, or check https://linearstatus.com"),
            _ => new SquadException(SquadErrorCode.Integration,
                $"Linear answered {operation} with HTTP {(int)status}: check LINEAR_API_URL points at Linear's GraphQL endpoint"),
        };
    }

    public static SquadException Unreachable(Uri endpoint, Exception exception) => new(
        SquadErrorCode.Integration,
        $"could not reach Linear at {endpoint} ({exception.GetType().Name}): check LINEAR_API_URL and the network",
        exception);

    public static SquadException Malformed(string operation, int status, Exception? exception = null) => new(
        SquadErrorCode.Integration,
        $"Linear's answer to {operation} (HTTP {status}) is not the GraphQL JSON Squad expects: check LINEAR_API_URL points at Linear's GraphQL endpoint",
        exception ?? new InvalidOperationException("no data"));

    public static SquadException StillRateLimited(string operation, int attempts) => new(
        SquadErrorCode.Integration,
        $"Linear kept rate-limiting {operation} after {attempts} attempts: wait for the key's hourly limit to reset, then run again");

    public static SquadException Refused(string operation) => new(
        SquadErrorCode.Integration,
        $"Linear did not apply {operation} (success: false): check the key may edit issues of this team");

    private static bool IsAuthentication(GraphQLError? error) =>
        error?.Extensions is { } extensions
        && (extensions.Type == "authentication error" || extensions.Code == "AUTHENTICATION_ERROR");

    // Linear answers a missing entity with "Entity not found: ProjectMilestone" and a presentable "Could not find ...".
    private static bool IsNotFound(GraphQLError error) =>
        error.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)
        || error.Extensions?.UserPresentableMessage?.Contains("could not find", StringComparison.OrdinalIgnoreCase) == true;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
