namespace Squad.GitHub.Tests;

/// <summary>A test against the real service: skipped, naming what is missing, unless every variable is set.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute(params string[] variables)
    {
        Variables = variables;
        var missing = variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"live test against the real service: set {string.Join(" and ", missing)} to run it";
        }
    }

    public IReadOnlyList<string> Variables { get; }
}
