namespace Squad.Linear;

/// <summary>What a pasted Linear URL points at.</summary>
public enum LinearReferenceKind
{
    /// <summary>A project milestone, by its id (<c>…/project/&lt;slug&gt;-&lt;slugId&gt;/overview#milestone-&lt;uuid&gt;</c>).</summary>
    Milestone,

    /// <summary>A project URL plus a milestone name given apart (<c>--milestone &lt;name&gt;</c>).</summary>
    ProjectMilestone,

    /// <summary>A single issue (<c>…/issue/ENG-123/…</c>), run as a milestone of one.</summary>
    Issue,
}
