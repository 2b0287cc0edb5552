using System.Globalization;
using System.Text;

namespace Squad.Quality.Replay;

/// <summary>The replay of every vendored trajectory: each action's mapping, and the figures per action kind.</summary>
internal sealed record ReplayReport
{
    public required IReadOnlyList<(TrajectoryFile File, IReadOnlyList<ActionMapping> Mappings)> Trajectories { get; init; }

    public IReadOnlyList<ActionMapping> All => [.. Trajectories.SelectMany(t => t.Mappings)];

    public IReadOnlyList<KindFigures> ByKind => [.. All.GroupBy(m => m.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new KindFigures(g.Key, g.Count(m => m.Fidelity == Fidelity.Exact), g.Count(m => m.Fidelity == Fidelity.WithLoss), g.Count(m => m.Fidelity == Fidelity.NotExpressible)))];

    public KindFigures Total => new("all", ByKind.Sum(k => k.Exact), ByKind.Sum(k => k.WithLoss), ByKind.Sum(k => k.NotExpressible));

    public static ReplayReport Load(string folder)
    {
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new Squad.Core.SquadException(Squad.Core.SquadErrorCode.InvalidInput, $"no trajectories in {folder}: vendor at least one *.json extract there");
        }

        var trajectories = new List<(TrajectoryFile, IReadOnlyList<ActionMapping>)>();
        foreach (var path in files)
        {
            var file = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(path), ReplayJsonContext.Default.TrajectoryFile)
                ?? throw new Squad.Core.SquadException(Squad.Core.SquadErrorCode.InvalidInput, $"{path}: empty trajectory file");
            var mapper = new ActionMapper();
            trajectories.Add((file, [.. file.Actions.Select(mapper.Map)]));
        }

        return new ReplayReport { Trajectories = trajectories };
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var (file, _) in Trajectories)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{file.Source} {file.Path} @ {file.Commit[..12]} ({file.Licence}): {file.Actions.Count} actions");
        }

        text.AppendLine().AppendLine("| action | count | exact | with loss | not expressible |").AppendLine("|---|---|---|---|---|");
        foreach (var kind in ByKind.Append(Total))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Kind} | {kind.Total} | {kind.Exact} | {kind.WithLoss} | {kind.NotExpressible} |");
        }

        var total = Total;
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"expressible: {total.Exact + total.WithLoss} of {total.Total} ({Percent(total.Exact + total.WithLoss, total.Total)}), exactly: {total.Exact} ({Percent(total.Exact, total.Total)})");
        foreach (var lossy in All.Where(m => m.Fidelity != Fidelity.Exact).DistinctBy(m => (m.Kind, m.Why)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{lossy.Kind} ({lossy.Fidelity}): {lossy.Why}");
        }

        return text.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";
}
