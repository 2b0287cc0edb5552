using Microsoft.Extensions.Logging;
using Squad.Core.Security;

namespace Squad.Server;

/// <summary>Makes each run's <see cref="RunNotifier"/>; the thread client exists only when a bot token is configured.</summary>
internal sealed class RunNotifierFactory(
    SlackResponseClient responses, SlackServerOptions options, IServiceProvider services, SecretRedactor redactor, TimeProvider time, ILogger<RunNotifier> logger)
{
    public RunNotifier Create(TrackedRun run)
    {
        var api = options.BotToken is null ? null : (SlackApiClient?)services.GetService(typeof(SlackApiClient));
        return new RunNotifier(run, responses, api, redactor, time, logger);
    }
}
