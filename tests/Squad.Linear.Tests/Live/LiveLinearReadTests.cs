using Squad.Linear.Tests.Contract;
using Squad.Testing;

namespace Squad.Linear.Tests.Live;

/// <summary>
/// The read suite against the real Linear: <c>LINEAR_API_KEY</c> (and optionally <c>LINEAR_API_URL</c>) plus
/// <c>SQUAD_LINEAR_TEST_MILESTONE_URL</c>, a milestone with at least one issue. It only reads.
/// </summary>
public sealed class LiveLinearReadTests : LinearReadSuite, IDisposable
{
    private const string KeyVariable = "LINEAR_API_KEY";
    private const string MilestoneVariable = "SQUAD_LINEAR_TEST_MILESTONE_URL";
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };

    protected override string MilestoneUrl => Environment.GetEnvironmentVariable(MilestoneVariable)!.Trim();

    public void Dispose() => http.Dispose();

    [LiveFact(KeyVariable, MilestoneVariable)]
    public Task LoadMilestoneAsync_RealLinear_LoadsTheMilestone() => AssertLoadsTheMilestoneAsync();

    [LiveFact(KeyVariable, MilestoneVariable)]
    public Task LoadMilestoneAsync_RealLinearWithWrongKey_IsRefused() => AssertWrongKeyIsRefusedAsync();

    [LiveFact(KeyVariable, MilestoneVariable)]
    public Task LoadMilestoneAsync_RealLinearUnknownMilestone_IsInvalidInput() => AssertUnknownMilestoneIsInvalidInputAsync();

    protected override LinearTracker Tracker(string? credential = null)
    {
        var options = LinearOptions.FromEnvironment(Environment.GetEnvironmentVariable);
        return new LinearTracker(
            http, credential is null ? options : options with { Credential = credential, CredentialKind = LinearCredentialKind.Auto },
            (_, _) => "live/unmapped", TimeProvider.System);
    }
}
