using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Squad.Core.Orchestration;
using Squad.Core.Verification;

namespace Squad.Server;

/// <summary>
/// <c>POST /github/webhook</c>: reads the raw body, verifies <c>X-Hub-Signature-256</c> over it (401 otherwise), answers
/// <c>ping</c> with 200, records every other delivery by its <c>X-GitHub-Delivery</c> id in the data directory's
/// database (a known id is a replay: 202, nothing started), and hands a failing run on a configured repository's
/// default branch to the Healer in the background (202); everything else is 202 with the reason logged.
/// </summary>
internal sealed class GitHubWebhookEndpoint(
    GitHubWebhookOptions options, GitHubHealRuns heals, TimeProvider time, ILogger<GitHubWebhookEndpoint> logger)
{
    /// <summary>The crash point between recording an accepted delivery and queuing its Healer run.</summary>
    public const string Accepted = "webhook:accepted";

    /// <summary>GitHub caps payloads at 25 MB; the runs Squad reads are tens of kilobytes.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    private readonly GitHubWebhookVerifier verifier = new(options.Secret);

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var check = verifier.Verify(request.Headers["X-Hub-Signature-256"].ToString(), body);
        if (check != SignatureCheck.Valid)
        {
            GitHubWebhookLog.Refused(logger, check);
            return Results.Text("the X-Hub-Signature-256 header does not sign this body with the webhook's secret", statusCode: StatusCodes.Status401Unauthorized);
        }

        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var decision = GitHubWebhookTriage.Decide(eventName, body, options.Repositories);
        if (decision.Kind == GitHubWebhookDecisionKind.Pong)
        {
            return Results.Text("pong");
        }

        var id = request.Headers["X-GitHub-Delivery"].ToString();
        if (!IsDeliveryId(id))
        {
            GitHubWebhookLog.Malformed(logger, "no X-GitHub-Delivery id");
            return Results.Text("the X-GitHub-Delivery header is missing or not a delivery id", statusCode: StatusCodes.Status400BadRequest);
        }

        var heal = decision.Kind == GitHubWebhookDecisionKind.Heal;
        var delivery = new WebhookDelivery
        {
            Id = id,
            Event = heal ? eventName : "other",
            Repository = heal ? decision.Repository : null,
            ReceivedAt = time.GetUtcNow(),
            Outcome = heal ? null : "ignored: " + decision.Reason,
        };
        return await AcceptAsync(delivery, decision, cancellationToken);
    }

    private async Task<IResult> AcceptAsync(WebhookDelivery delivery, GitHubWebhookDecision decision, CancellationToken cancellationToken)
    {
        if (!await options.Deliveries.TryRecordAsync(delivery, cancellationToken))
        {
            GitHubWebhookLog.Replayed(logger, delivery.Id);
            return Results.Text($"delivery {delivery.Id} was received before: nothing started", statusCode: StatusCodes.Status202Accepted);
        }

        if (delivery.Repository is not { } repository)
        {
            GitHubWebhookLog.Ignored(logger, delivery.Id, decision.Reason);
            return Results.Text("ignored: " + decision.Reason, statusCode: StatusCodes.Status202Accepted);
        }

        // Recorded and not queued: a restart finds the delivery pending and queues it then.
        CrashPoint.Reach(Accepted);
        var run = heals.Start(delivery);
        GitHubWebhookLog.Healing(logger, delivery.Id, decision.Reason, repository, run.Id);
        return Results.Text($"{decision.Reason}: the Healer examines {repository} in run {run.Id}", statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>GitHub's ids are GUIDs; anything short of letters, digits and dashes is accepted, nothing else is stored.</summary>
    private static bool IsDeliveryId(string id)
        => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
