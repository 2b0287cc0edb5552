using System.Globalization;
using System.Text.Json.Nodes;

namespace Squad.Linear.Tests.Fakes;

/// <summary>Linear's error answers, as its API sends them.</summary>
public static class FakeLinearAnswers
{
    public static FakeLinearAnswer Error(int status, string message, string type, string code, string? presentable = null) =>
        new(status, new JsonObject
        {
            ["data"] = null,
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = message,
                ["extensions"] = new JsonObject
                {
                    ["type"] = type,
                    ["code"] = code,
                    ["statusCode"] = status,
                    ["userError"] = true,
                    ["userPresentableMessage"] = presentable,
                },
            }),
        }.ToJsonString());

    public static FakeLinearAnswer NotFound(string entity) =>
        Error(400, $"Entity not found: {entity}", "invalid input", "INPUT_ERROR", $"Could not find referenced {entity}.");

    public static FakeLinearAnswer Unauthenticated() =>
        Error(401, "Authentication required, not authenticated", "authentication error", "AUTHENTICATION_ERROR",
            "You need to authenticate to access this operation.");

    /// <summary>RATELIMITED with HTTP 400, the request bucket empty until <paramref name="reset"/>.</summary>
    public static FakeLinearAnswer RateLimited(DateTimeOffset reset, int status = 400) =>
        Error(status, "Rate limit exceeded", "ratelimited", "RATELIMITED", "You have exceeded the rate limit.") with
        {
            Headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Requests-Limit"] = "1500",
                ["X-RateLimit-Requests-Remaining"] = "0",
                ["X-RateLimit-Requests-Reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Complexity-Limit"] = "250000",
                ["X-RateLimit-Complexity-Remaining"] = "200000",
                ["X-RateLimit-Complexity-Reset"] = (reset.ToUnixTimeMilliseconds() - 20_000).ToString(CultureInfo.InvariantCulture),
            },
        };
}
