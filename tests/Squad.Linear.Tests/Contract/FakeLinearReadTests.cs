namespace Squad.Linear.Tests.Contract;

public sealed class FakeLinearReadTests : LinearReadSuite, IAsyncLifetime, IAsyncDisposable
{
    private readonly LinearHarness linear = new();
    private readonly List<LinearHarness> others = [];

    public FakeLinearReadTests()
    {
        for (var n = 1; n <= 3; n++)
        {
            linear.AddIssue(n).Priority = n;
        }
    }

    protected override string MilestoneUrl => linear.MilestoneUrl;

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }

        await linear.DisposeAsync();
    }

    [Fact]
    public Task LoadMilestoneAsync_Fake_LoadsTheMilestone() => AssertLoadsTheMilestoneAsync();

    [Fact]
    public Task LoadMilestoneAsync_FakeWithWrongKey_IsRefused() => AssertWrongKeyIsRefusedAsync();

    [Fact]
    public Task LoadMilestoneAsync_FakeUnknownMilestone_IsInvalidInput() => AssertUnknownMilestoneIsInvalidInputAsync();

    protected override LinearTracker Tracker(string? credential = null)
    {
        if (credential is null)
        {
            return linear.Tracker;
        }

        // Another tracker on the same fake, holding another credential.
        var other = new LinearHarness(credential, o => o with { Endpoint = linear.Server.Endpoint });
        others.Add(other);
        return other.Tracker;
    }
}
