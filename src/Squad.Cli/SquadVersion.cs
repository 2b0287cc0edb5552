using System.Reflection;

namespace Squad.Cli;

/// <summary>The version <c>squad --version</c> prints: the package version, then the commit it was built from.</summary>
internal static class SquadVersion
{
    public static string Text { get; } = typeof(SquadVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
