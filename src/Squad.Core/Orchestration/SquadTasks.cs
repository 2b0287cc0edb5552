namespace Squad.Core.Orchestration;

/// <summary>What each role is asked to do at each point of a squad.</summary>
internal static class SquadTasks
{
    public const string Diagnose =
        "The issue above is a bug report (often made by an error tracker: a title, a link, maybe a stack trace). It has no " +
        "acceptance criteria yet: you write them. Read the stack trace and the code it points to, find the cause, and run the " +
        "repository's tests if that helps. You cannot change anything. Then call submit_diagnosis once with: your hypothesis " +
        "(the faulty code and the input that triggers it), a fix plan (where to change what), the reproduction (how the failure " +
        "shows, and the regression test QA should write: its file, name and assertions), and the Gherkin scenario the fix must " +
        "satisfy (Scenario: with Given/When/Then steps, describing the correct behaviour). Finish with one sentence.";

    public const string QaTests =
        "Turn every acceptance scenario above into one or more automated tests in the repository's test project, " +
        "named after the scenario. Do not implement the feature: the tests are expected to fail until the Developer does. " +
        "Commit the tests with the commit tool, then answer with a short summary mapping each scenario to its tests.";

    public const string RegressionTests =
        "This is a bug fix. The diagnosis above says why it fails and how it was reproduced. Turn its scenario into a " +
        "regression test in the repository's test project, named after the scenario, that fails today because of the bug. " +
        "Do not fix the bug. Commit the test with the commit tool, then answer with a short summary naming the test.";

    public const string QaTestsPassEarly =
        "The orchestrator ran the repository's tests on your commit, before any implementation exists: the tests of the " +
        "scenarios marked \"passes\" under \"Test evidence\" above already pass, so they do not test what those scenarios ask. " +
        "Change them so that each fails until the behaviour the scenario describes is implemented (test the behaviour, not " +
        "what the code does today). Do not implement the feature. Commit with the commit tool, then finish with a short summary.";

    public const string Implement =
        "The QA agent has committed tests for the scenarios. Implement the issue following its approach until those tests " +
        "and the repository's checks pass, and commit with the commit tool (it runs the checks). Do not weaken the tests. " +
        "Finish with 2-4 sentences describing the change: they become the pull request description.";

    public const string DeveloperFix =
        "Reviewers asked for changes on the pull request (see its thread above). Address every point, keep the tests green, " +
        "and commit with the commit tool. Finish with a short summary of what you changed.";

    public const string ConflictFix =
        "The merge queue sent this pull request back: it conflicts with the base branch (see \"Conflict with the base branch\" " +
        "above). The base branch is already being merged into your work tree: resolve every conflict (keep the intent of both " +
        "sides; no conflict markers may remain) or fix what breaks when both changes meet, keep the tests green, and commit " +
        "with the commit tool: the commit completes the merge. Finish with a short summary of how you resolved it.";

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
