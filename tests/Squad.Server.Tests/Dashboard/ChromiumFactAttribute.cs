namespace Squad.Server.Tests.Dashboard;

/// <summary>
/// A test in Debian's chromium. Skipped, saying so, only outside CI when chromium is not installed; in CI (<c>CI=true</c>,
/// where <c>.ci/run</c> installs it) it always runs, and fails if the browser is missing.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{ChromiumPath} is not installed (apt-get install chromium): the dashboard's browser tests drive it; CI installs it and runs them";
        }
    }
}
