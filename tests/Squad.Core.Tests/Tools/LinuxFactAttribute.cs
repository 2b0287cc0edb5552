namespace Squad.Core.Tests.Tools;

/// <summary>A fact about Linux system calls (openat2, FIFOs, hard links): skipped elsewhere, saying so.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "this test exercises Linux system calls";
        }
    }
}
