using Squad.Cli;
using Squad.Core;

namespace Squad.Server.Tests.Dashboard;

public sealed class DashboardTokenTests
{
    [Fact]
    public void ReadDashboardToken_Unset_LeavesTheButtonOff()
        => Assert.Null(SlackServe.ReadDashboardToken(_ => "  "));

    [Fact]
    public void ReadDashboardToken_Long_IsTrimmedAndKept()
        => Assert.Equal("0123456789abcdef0123", SlackServe.ReadDashboardToken(_ => " 0123456789abcdef0123\n"));

    [Fact]
    public void ReadDashboardToken_Short_StopsServeWithOneLineSayingWhatToUse()
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadDashboardToken(name => name == "SQUAD_DASHBOARD_TOKEN" ? "hunter2" : null));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.Equal("SQUAD_DASHBOARD_TOKEN is shorter than 16 characters: use a long random one, e.g. the output of 'openssl rand -hex 24'", error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
