namespace Squad.Local.Tracking;

/// <summary>One entry of an issue file's <c>links</c> list: a pull request linked to the issue.</summary>
internal sealed class IssueLinkModel
{
    public string? Title { get; set; }

    public string? Url { get; set; }
}
