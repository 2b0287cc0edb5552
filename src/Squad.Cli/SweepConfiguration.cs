using System.Text.RegularExpressions;
using Squad.Core;
using Squad.Linear;
using Squad.Server;
using YamlDotNet.RepresentationModel;

namespace Squad.Cli;

/// <summary>
/// Reads the <c>sweeps</c> of <c>squad.yml</c> (<c>--config FILE</c>, default the data directory's) and checks each one,
/// so a mistake is reported once, with the file, the sweep and what to write, before anything runs. Local milestone
/// folders are read relative to the file.
/// </summary>
internal static partial class SweepConfiguration
{
    internal static readonly string[] Keys = ["name", "cron", "time_zone", "milestones", "project", "state", "label", "channel", "repository", "in_flight_after", "heal"];

    /// <summary>The file sweeps are read from: <paramref name="configFile"/>, or <c>squad.yml</c> in the data directory.</summary>
    public static string PathOf(string? configFile, string dataDirectory)
        => configFile is null ? Path.Combine(dataDirectory, "squad.yml") : Path.GetFullPath(configFile);

    /// <summary>The configured sweeps, in the file's order; none when the file has no <c>sweeps</c> (or, by default, does not exist).</summary>
    /// <exception cref="SquadException">The named file is missing, or a sweep is malformed.</exception>
    public static IReadOnlyList<SweepDefinition> Load(string? configFile, string dataDirectory)
    {
        var path = PathOf(configFile, dataDirectory);
        if (!File.Exists(path))
        {
            return configFile is null
                ? []
                : throw new SquadException(SquadErrorCode.InvalidInput, $"config file '{path}' does not exist: pass an existing --config FILE");
        }

        if (!SquadYaml.Read(path).Children.TryGetValue(new YamlScalarNode("sweeps"), out var node)
            || node is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            throw Invalid(path, node, "'sweeps' must be a list of sweeps, each starting with '- name: ...'");
        }

        var sweeps = new List<SweepDefinition>();
        foreach (var item in list.Children)
        {
            var sweep = Read(path, item, sweeps.Count, Path.GetDirectoryName(path)!);
            if (sweeps.Any(s => s.Name == sweep.Name))
            {
                throw Invalid(path, item, $"two sweeps are named '{sweep.Name}': give each sweep its own name");
            }

            sweeps.Add(sweep);
        }

        return sweeps;
    }

    /// <summary>The sweep named <paramref name="name"/>, or every configured sweep without a name.</summary>
    /// <exception cref="SquadException">No sweep is configured, or none has that name.</exception>
    public static IReadOnlyList<SweepDefinition> Select(IReadOnlyList<SweepDefinition> configured, string? name, string path)
    {
        if (configured.Count == 0)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"no sweeps configured in {path}: add a 'sweeps:' list to squad.yml (each with name, cron, and milestones or a project), or pass --config FILE");
        }

        if (name is null)
        {
            return configured;
        }

        return configured.FirstOrDefault(s => s.Name == name) is { } sweep
            ? [sweep]
            : throw new SquadException(SquadErrorCode.InvalidInput,
                $"no sweep named '{name}' in {path}: configured sweeps are {string.Join(", ", configured.Select(s => s.Name))}");
    }

    private static SweepDefinition Read(string path, YamlNode item, int index, string folder)
    {
        if (item is not YamlMappingNode map)
        {
            throw Invalid(path, item, $"sweep {index + 1} must be a mapping with name, cron and milestones or project");
        }

        var name = Scalar(path, map, "name") ?? throw Invalid(path, map, $"sweep {index + 1} has no name: add 'name: nightly' (lower-case letters, digits and '-')");
        var where = $"sweep '{name}'";
        if (!NamePattern().IsMatch(name))
        {
            throw Invalid(path, map, $"{where}: the name may hold only lower-case letters, digits and '-', like 'nightly' or 'ready-bugs'");
        }

        SquadYaml.CheckKeys(path, map, Keys, where);
        var sweep = new SweepDefinition
        {
            Name = name,
            Cron = Scalar(path, map, "cron") ?? throw Invalid(path, map, $"{where} has no cron: add a schedule such as cron: \"0 2 * * 1-5\" (02:00 Monday to Friday)"),
            TimeZone = Scalar(path, map, "time_zone") ?? "UTC",
            Milestones = [.. Milestones(path, map, where).Select(m => Resolve(m, folder))],
            Project = Scalar(path, map, "project") is { } project ? Resolve(project, folder) : null,
            State = Scalar(path, map, "state"),
            Label = Scalar(path, map, "label"),
            Channel = Scalar(path, map, "channel"),
            Repository = Scalar(path, map, "repository"),
            InFlightAfter = Scalar(path, map, "in_flight_after") is { } after ? Duration(path, map, where, after) : null,
            Heal = Scalar(path, map, "heal") switch
            {
                null or "false" => false,
                "true" => true,
                _ => throw Invalid(path, map, $"{where}: 'heal' must be true or false"),
            },
        };
        if (sweep.Heal && sweep.Project is { } linearProject && LinearUrl.IsLinearUrl(linearProject))
        {
            throw Invalid(path, map, $"{where}: 'heal: true' needs milestones (a Linear project URL names none): list the milestones under 'milestones'");
        }

        Check(path, map, where, sweep);
        return sweep;
    }

    private static void Check(string path, YamlMappingNode map, string where, SweepDefinition sweep)
    {
        var problem = (sweep.Milestones.Count > 0, sweep.Project is not null) switch
        {
            (true, true) => "has both milestones and project: keep one",
            (false, false) => "names nothing to sweep: add 'milestones: [<milestone URL or folder>]' or 'project: <project URL or folder>' with a state or label",
            (true, false) when sweep.State is not null || sweep.Label is not null => "filters milestones by state or label, which only a project takes: move them under a 'project'",
            (false, true) when sweep.State is null && sweep.Label is null => "has a project but no filter: add 'state: Todo' or 'label: squad-ready' (or both), so the sweep takes only ready issues",
            _ => null,
        };
        if (problem is not null)
        {
            throw Invalid(path, map, $"{where} {problem}");
        }

        if (sweep.Project is { } project && LinearUrl.IsLinearUrl(project))
        {
            Guard(path, map, where, () => LinearUrl.ParseProject(project));
        }

        foreach (var milestone in sweep.Milestones.Where(LinearUrl.IsLinearUrl))
        {
            Guard(path, map, where, () => LinearUrl.Parse(milestone));
        }

        Guard(path, map, where, () => SweepSchedule.Parse(sweep.Cron, sweep.TimeZone));
    }

    private static IReadOnlyList<string> Milestones(string path, YamlMappingNode map, string where)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode("milestones"), out var node))
        {
            return [];
        }

        // One milestone written without brackets is still one milestone.
        var items = node switch
        {
            YamlSequenceNode list => list.Children,
            YamlScalarNode { Value: { Length: > 0 } } scalar => [scalar],
            _ => throw Invalid(path, node, $"{where}: 'milestones' must be a list of Linear milestone URLs or local milestone folders"),
        };
        return [.. items.Select(item => item is YamlScalarNode { Value: { Length: > 0 } value }
            ? value.Trim()
            : throw Invalid(path, item, $"{where}: each of 'milestones' must be a Linear milestone URL or a local milestone folder"))];
    }

    private static string? Scalar(string path, YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node is YamlScalarNode scalar
            ? string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim()
            : throw Invalid(path, node, $"'{key}' must be a single value, not a list or a mapping");
    }

    /// <summary>A local folder relative to the config file; URLs are left as they are.</summary>
    private static string Resolve(string reference, string folder)
        => reference.Contains("://", StringComparison.Ordinal) ? reference : Path.GetFullPath(Path.Combine(folder, reference));

    private static void Guard(string path, YamlNode node, string where, Action check)
    {
        try
        {
            check();
        }
        catch (SquadException ex)
        {
            throw Invalid(path, node, $"{where}: {ex.Message}");
        }
    }

    private static SquadException Invalid(string path, YamlNode node, string message)
        => new(SquadErrorCode.InvalidConfiguration, $"{path}: line {node.Start.Line}: {message}");

    /// <summary>Minutes or hours: <c>90m</c>, <c>2h</c>.</summary>
    private static TimeSpan Duration(string path, YamlMappingNode map, string where, string text)
    {
        var match = DurationPattern().Match(text.Trim());
        var amount = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return amount > 0
            ? match.Groups[2].Value == "h" ? TimeSpan.FromHours(amount) : TimeSpan.FromMinutes(amount)
            : throw Invalid(path, map, $"{where}: in_flight_after '{text}' is not a duration like 90m or 2h");
    }

    [GeneratedRegex("^([0-9]{1,5})(m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
