namespace Squad.Core.Domain;

/// <summary>The wire names of roles, as written in <c>agents/*.yaml</c>, scripts and the store.</summary>
public static class RoleNames
{
    public const string Developer = "developer";
    public const string Qa = "qa";
    public const string CodeReviewer = "code-reviewer";
    public const string QaSpecialist = "qa-specialist";
    public const string Diagnostician = "diagnostician";

    public static string ToName(this Role role) => role switch
    {
        Role.Developer => Developer,
        Role.Qa => Qa,
        Role.CodeReviewer => CodeReviewer,
        Role.QaSpecialist => QaSpecialist,
        Role.Diagnostician => Diagnostician,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string name, out Role role)
    {
        switch (name)
        {
            case Developer: role = Role.Developer; return true;
            case Qa: role = Role.Qa; return true;
            case CodeReviewer: role = Role.CodeReviewer; return true;
            case QaSpecialist: role = Role.QaSpecialist; return true;
            case Diagnostician: role = Role.Diagnostician; return true;
            default: role = default; return false;
        }
    }
}
