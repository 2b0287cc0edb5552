namespace Squad.Models.Tests.Live;

/// <summary>
/// A fact that runs against a real provider only when its key is in the environment, and is reported as skipped,
/// saying which variable is missing, otherwise (xunit 2 has no skipping from inside a test).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute(string keyVariable)
    {
        KeyVariable = keyVariable;
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(keyVariable)))
        {
            Skip = $"{keyVariable} is not set: this test calls the real provider";
        }
    }

    public string KeyVariable { get; }
}
