using Squad.Core;

namespace Squad.Quality;

/// <summary>The command line of <c>squad-quality</c>.</summary>
internal sealed record QualityOptions
{
    public bool Replay { get; init; }

    public string Tasks { get; init; } = Path.Combine(AppContext.BaseDirectory, "tasks");

    public string Trajectories { get; init; } = Path.Combine(AppContext.BaseDirectory, "trajectories");

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>A live model (<c>anthropic:MODEL</c>, <c>openai:MODEL</c>), its key from the environment as Squad reads it; null for the deterministic agent.</summary>
    public string? Model { get; init; }

    public bool Verbose { get; init; }

    public static QualityOptions Parse(IReadOnlyList<string> args)
    {
        var options = new QualityOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "replay" when i == 0 => options with { Replay = true },
                "--tasks" => options with { Tasks = Path.GetFullPath(Value(args, ++i)) },
                "--trajectories" => options with { Trajectories = Path.GetFullPath(Value(args, ++i)) },
                "--only" => options with { Languages = Value(args, ++i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--model" => options with { Model = Value(args, ++i) },
                "--verbose" => options with { Verbose = true },
                var other => throw new SquadException(SquadErrorCode.InvalidInput, $"unknown argument '{other}': use [replay] [--tasks DIR] [--trajectories DIR] [--only C#,Python,TypeScript] [--model PROVIDER:MODEL] [--verbose]"),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int i)
        => i < args.Count ? args[i] : throw new SquadException(SquadErrorCode.InvalidInput, $"{args[i - 1]} needs a value");
}
