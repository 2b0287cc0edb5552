using System.Text.Json.Nodes;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>What the fake's base branch requires: its ruleset rules, as GitHub lists them, and classic protection's required checks.</summary>
public sealed class FakeBranchRules
{
    /// <summary>The rules of <c>GET /rules/branches/{branch}</c>, in GitHub's shape (type, ruleset source, parameters).</summary>
    public List<JsonObject> Rules { get; } = [];

    /// <summary>Classic protection's required checks; null answers 404 "Branch not protected".</summary>
    public JsonObject? RequiredStatusChecks { get; set; }

    /// <summary>When set, classic protection answers 403, as it does for a token without admin rights.</summary>
    public bool ProtectionForbidden { get; set; }

    /// <summary>Whether merges need the head to contain the base's tip (either source's strict policy).</summary>
    public bool Strict => RequiredStatusChecks?["strict"]?.GetValue<bool>() == true
        || Rules.Any(r => (string?)r["type"] == "required_status_checks" && r["parameters"]?["strict_required_status_checks_policy"]?.GetValue<bool>() == true);

    public bool MergeQueue => Rules.Any(r => (string?)r["type"] == "merge_queue");

    public FakeBranchRules Add(string type, JsonObject? parameters = null)
    {
        var rule = new JsonObject { ["type"] = type, ["ruleset_source_type"] = "Repository", ["ruleset_source"] = FakeGitHub.FullName, ["ruleset_id"] = 42 };
        if (parameters is not null)
        {
            rule["parameters"] = parameters;
        }

        Rules.Add(rule);
        return this;
    }

    public FakeBranchRules RequireChecks(bool strict, params string[] contexts) => Add("required_status_checks", new JsonObject
    {
        ["strict_required_status_checks_policy"] = strict,
        ["required_status_checks"] = new JsonArray([.. contexts.Select(c => (JsonNode)new JsonObject { ["context"] = c })]),
    });

    public FakeBranchRules RequireApprovals(int count) => Add("pull_request", new JsonObject
    {
        ["required_approving_review_count"] = count,
        ["dismiss_stale_reviews_on_push"] = true,
        ["require_code_owner_review"] = false,
        ["require_last_push_approval"] = false,
        ["required_review_thread_resolution"] = false,
    });

    public FakeBranchRules RequireMergeQueue() => Add("merge_queue", new JsonObject
    {
        ["check_response_timeout_minutes"] = 60,
        ["grouping_strategy"] = "ALLGREEN",
        ["max_entries_to_build"] = 5,
        ["max_entries_to_merge"] = 5,
        ["merge_method"] = "SQUASH",
        ["min_entries_to_merge"] = 1,
        ["min_entries_to_merge_wait_minutes"] = 5,
    });
}
