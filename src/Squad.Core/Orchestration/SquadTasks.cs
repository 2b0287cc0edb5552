namespace Squad.Core.Orchestration;

/// <summary>What each role is asked to do at each point of a squad.</summary>
internal static class SquadTasks
{
    public const string QaTests =
        "Turn every acceptance scenario above into one or more automated tests in the repository's test project, " +
        "named after the scenario. Do not implement the feature: the tests are expected to fail until the Developer does. " +
        "Commit the tests with the commit tool, then answer with a short summary mapping each scenario to its tests.";

    public const string Implement =
        "The QA agent has committed tests for the scenarios. Implement the issue following its approach until those tests " +
        "and the repository's checks pass, and commit with the commit tool (it runs the checks). Do not weaken the tests. " +
        "Finish with 2-4 sentences describing the change: they become the pull request description.";

    public const string DeveloperFix =
        "Reviewers asked for changes on the pull request (see its thread above). Address every point, keep the tests green, " +
        "and commit with the commit tool. Finish with a short summary of what you changed.";

    public const string QaFix =
        "The QA Specialist found gaps in the tests (see the pull request thread above). Add or correct tests so that every " +
        "scenario is really verified, and commit with the commit tool. Finish with a short summary.";

    public const string CodeReview =
        "Review the pull request's head: conventions, patterns, architecture, and the approach the issue laid out. " +
        "You cannot change anything. Submit exactly one review with submit_review: approve, or request_changes saying " +
        "precisely what must change and where.";

    public const string QaReview =
        "Check that every acceptance scenario has a test, and that each test really verifies the scenario's behaviour " +
        "(a test can pass without testing the right thing). You cannot change anything. Submit exactly one review with " +
        "submit_review: approve, or request_changes naming each scenario that lacks a real test.";
}
