using Squad.Core;
using Squad.Linear.Tests.Fakes;
using Squad.Testing;

namespace Squad.Linear.Tests;

/// <summary>A fake Linear on loopback, a tracker pointed at it, and a seeded team ENG in project Checkout.</summary>
public sealed class LinearHarness : IAsyncDisposable
{
    public const string SlugId = "1a2b3c4d5e6f";
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly HttpClient http = new();

    public LinearHarness(string credential = FakeLinearServer.ApiKey, Func<LinearOptions, LinearOptions>? configure = null)
    {
        Server = FakeLinearServer.Start();
        Team = Store.AddTeam("ENG");
        Milestone = Store.AddMilestone("Checkout", SlugId, "Beta");
        var options = new LinearOptions { Endpoint = Server.Endpoint, Credential = credential };
        Tracker = new LinearTracker(http, configure?.Invoke(options) ?? options, Repositories, Time, Log);
    }

    public FakeLinearServer Server { get; }

    public FakeLinearStore Store => Server.Store;

    public FakeTeam Team { get; }

    public FakeMilestone Milestone { get; }

    public InstantTimeProvider Time { get; } = new(Start);

    public LinearTracker Tracker { get; }

    public RecordingLogger<LinearTracker> Log { get; } = new();

    public string MilestoneUrl => $"https://linear.app/acme/project/checkout-{SlugId}/overview#milestone-{Milestone.Id}";

    public IReadOnlyList<FakeLinearRequest> RequestsFor(string operation) =>
        [.. Server.Requests.Where(r => r.OperationName == operation)];

    public FakeIssue AddIssue(int number, string state = "Todo") => Store.AddIssue(Team, Milestone, number, state);

    /// <summary>Runs <paramref name="act"/>, expecting a one-line <see cref="SquadException"/> that holds no credential.</summary>
    public static async Task<SquadException> FailsAsync(Func<Task> act)
    {
        var error = await Assert.ThrowsAsync<SquadException>(act);
        AssertClean(error);
        return error;
    }

    public static void AssertClean(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain("FAKEfake", e.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain('\n', error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Server.DisposeAsync();
    }

    internal static string? Repositories(string team, string project) => team == "ENG" ? "acme/checkout" : null;
}
