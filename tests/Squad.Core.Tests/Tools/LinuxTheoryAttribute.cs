namespace Squad.Core.Tests.Tools;

/// <summary>A theory about Linux system calls: skipped elsewhere, saying so.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "this test exercises Linux system calls";
        }
    }
}
