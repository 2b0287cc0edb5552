using Xunit;

namespace Squad.Testing;

/// <summary>
/// A fact that calls a real service (a model provider, Linear, GitHub): it runs only when every named variable is set,
/// and is reported as skipped, naming the missing ones, otherwise (xunit 2 cannot skip from inside a test).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute(params string[] variables)
    {
        Variables = variables;
        var missing = variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set: this test calls the real service";
        }
    }

    public IReadOnlyList<string> Variables { get; }
}
