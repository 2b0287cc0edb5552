using Squad.Core;

namespace Squad.Cli;

/// <summary>Copies the shipped sample into the data directory once, so the demo's write-backs never touch the install.</summary>
internal static class DemoSample
{
    public static string Prepare(string dataDirectory)
    {
        var source = Path.Combine(CliHost.InstallDirectory, "samples", "checkout");
        if (!Directory.Exists(source))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"the demo sample is missing from {source}: rebuild Squad");
        }

        var target = Path.Combine(dataDirectory, "demo", "checkout");
        if (!Directory.Exists(target))
        {
            var staging = target + ".partial";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Copy(source, staging);
            Directory.Move(staging, target);
        }

        return Path.Combine(target, "milestone");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                Copy(directory, Path.Combine(to, name));
            }
        }
    }
}
