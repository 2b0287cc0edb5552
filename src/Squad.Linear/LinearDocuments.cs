namespace Squad.Linear;

/// <summary>
/// Every GraphQL document Squad sends to Linear. Variables are typed so that the contract test, which validates
/// these against Linear's published schema, checks the variables' shapes too. Nested connections ask for at most
/// 20 nodes to keep a 50-issue page under Linear's complexity limit; the rest is fetched page by page.
/// </summary>
internal static class LinearDocuments
{
    public const int PageSize = 50;

    private const string IssueFields = """
        fragment IssueFields on Issue {
          id identifier title description url branchName priority estimate
          state { id name type }
          team { id key }
          project { id name }
          labels(first: 20) { nodes { id name } pageInfo { hasNextPage endCursor } }
          inverseRelations(first: 20) { nodes { type issue { id identifier state { type } } } pageInfo { hasNextPage endCursor } }
        }
        """;

    public const string MilestoneIssues = """
        query MilestoneIssues($id: String!, $first: Int!, $after: String) {
          projectMilestone(id: $id) {
            id name
            project { id name }
            issues(first: $first, after: $after) { nodes { ...IssueFields } pageInfo { hasNextPage endCursor } }
          }
        }
        """ + "\n" + IssueFields;

    public const string ProjectIssues = """
        query ProjectIssues($id: String!, $filter: IssueFilter, $first: Int!, $after: String) {
          project(id: $id) {
            id name
            issues(first: $first, after: $after, filter: $filter) {
              nodes { ...IssueFields projectMilestone { id name } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """ + "\n" + IssueFields;

    public const string ProjectMilestones = """
        query ProjectMilestones($id: String!, $first: Int!, $after: String) {
          project(id: $id) {
            id name
            projectMilestones(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
          }
        }
        """;

    public const string Issue = """
        query Issue($id: String!) {
          issue(id: $id) { ...IssueFields }
        }
        """ + "\n" + IssueFields;

    public const string IssueLabels = """
        query IssueLabels($id: String!, $first: Int!, $after: String) {
          issue(id: $id) { labels(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }
        }
        """;

    public const string IssueInverseRelations = """
        query IssueInverseRelations($id: String!, $first: Int!, $after: String) {
          issue(id: $id) {
            inverseRelations(first: $first, after: $after) { nodes { type issue { id identifier state { type } } } pageInfo { hasNextPage endCursor } }
          }
        }
        """;

    public const string IssueComments = """
        query IssueComments($id: String!, $first: Int!, $after: String) {
          issue(id: $id) { comments(first: $first, after: $after) { nodes { body } pageInfo { hasNextPage endCursor } } }
        }
        """;

    public const string IssueRef = """
        query IssueRef($id: String!) {
          issue(id: $id) { id identifier labelIds state { id name type } team { id key } }
        }
        """;

    public const string TeamStates = """
        query TeamStates($teamId: ID!, $first: Int!, $after: String) {
          workflowStates(first: $first, after: $after, filter: { team: { id: { eq: $teamId } } }) {
            nodes { id name type position }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string LabelsByName = """
        query LabelsByName($name: String!, $first: Int!, $after: String) {
          issueLabels(first: $first, after: $after, filter: { name: { eqIgnoreCase: $name } }) {
            nodes { id name team { id key } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string IssueUpdateState = """
        mutation IssueUpdateState($id: String!, $stateId: String!) {
          issueUpdate(id: $id, input: { stateId: $stateId }) { success }
        }
        """;

    public const string IssueUpdateLabels = """
        mutation IssueUpdateLabels($id: String!, $addedLabelIds: [String!], $removedLabelIds: [String!]) {
          issueUpdate(id: $id, input: { addedLabelIds: $addedLabelIds, removedLabelIds: $removedLabelIds }) { success }
        }
        """;

    public const string IssueLabelCreate = """
        mutation IssueLabelCreate($name: String!, $teamId: String!) {
          issueLabelCreate(input: { name: $name, teamId: $teamId }) { success issueLabel { id name team { id key } } }
        }
        """;

    public const string CommentCreate = """
        mutation CommentCreate($issueId: String!, $body: String!) {
          commentCreate(input: { issueId: $issueId, body: $body }) { success }
        }
        """;

    public const string AttachmentLinkUrl = """
        mutation AttachmentLinkURL($issueId: String!, $url: String!, $title: String) {
          attachmentLinkURL(issueId: $issueId, url: $url, title: $title) { success }
        }
        """;

    // The Healer's stub carries a hidden marker; a rerun looks for it in the team before it files again.
    public const string IssuesByMarker = """
        query IssuesByMarker($teamId: ID!, $marker: String!) {
          issues(first: 1, filter: { team: { id: { eq: $teamId } }, description: { contains: $marker } }) {
            nodes { id identifier }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string IssueCreate = """
        mutation IssueCreate($teamId: String!, $title: String!, $description: String!, $projectId: String, $projectMilestoneId: String) {
          issueCreate(input: { teamId: $teamId, title: $title, description: $description, projectId: $projectId, projectMilestoneId: $projectMilestoneId }) {
            success
            issue { id identifier }
          }
        }
        """;

    /// <summary>The operation name of a document (<c>MilestoneIssues</c>), for messages and logs.</summary>
    public static string NameOf(string document)
    {
        var words = document.Split([' ', '(', '{', '\n'], 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 ? words[1] : "a request";
    }

    /// <summary>Every document above, for the contract test.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MilestoneIssues, ProjectMilestones, Issue, IssueLabels, IssueInverseRelations, IssueRef, TeamStates,
        LabelsByName, IssueUpdateState, IssueUpdateLabels, IssueLabelCreate, CommentCreate, AttachmentLinkUrl,
        ProjectIssues, IssueComments, IssuesByMarker, IssueCreate,
    ];
}
