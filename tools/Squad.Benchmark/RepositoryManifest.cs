namespace Squad.Benchmark;

/// <summary>The generated target repository: where it is, how large, and the files of each module.</summary>
internal sealed record RepositoryManifest
{
    public required string Path { get; init; }

    /// <summary>Files in the head commit.</summary>
    public required int Files { get; init; }

    /// <summary>Bytes of those files, checked out.</summary>
    public required long Bytes { get; init; }

    public required int Commits { get; init; }

    /// <summary>The folders of the modules, relative to the root, with forward slashes.</summary>
    public required IReadOnlyList<string> ModuleFolders { get; init; }

    /// <summary>The files of each module, in the order of <see cref="ModuleFolders"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> ModuleFiles { get; init; }

    public double Megabytes => Bytes / 1_000_000.0;
}
