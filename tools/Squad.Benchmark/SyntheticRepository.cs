using System.Globalization;
using Squad.Core.Git;

namespace Squad.Benchmark;

/// <summary>
/// Generates the large target repository with a history of five commits: modules arrive over three
/// commits, a fourth changes files already there, the last adds <c>.squad.yml</c> and its guardrails.
/// </summary>
internal sealed class SyntheticRepository(GitCli git, RepositoryShape shape)
{
    private readonly SyntheticSource source = new(new Random(shape.Seed));
    private int commits;

    public async Task<RepositoryManifest> GenerateAsync(string root, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        await git.RunAsync(root, ["init", "-q", "--initial-branch=main"], cancellationToken: cancellationToken);
        var folders = Enumerable.Range(0, shape.Modules).Select(m => $"src/module{m.ToString("00", CultureInfo.InvariantCulture)}").ToList();
        var files = folders.Select(folder => (IReadOnlyList<string>)[.. Enumerable.Range(0, shape.FilesPerModule)
            .Select(i => $"{folder}/Component{i.ToString("000", CultureInfo.InvariantCulture)}.cs")]).ToList();
        var firstCut = shape.Modules * 7 / 10;
        var secondCut = shape.Modules * 9 / 10;

        WriteModules(root, folders, files, 0, firstCut);
        Write(root, "README.md", "# Synthetic\n\nA generated repository for Squad's benchmark: modules of small C# classes.\n");
        await CommitAsync(root, "Import the first modules", cancellationToken);

        WriteModules(root, folders, files, firstCut, secondCut);
        WriteDocuments(root, 0, shape.DocumentFiles / 2);
        await CommitAsync(root, "Add more modules and the first documentation", cancellationToken);

        foreach (var path in files.Take(firstCut).SelectMany(f => f).Where((_, i) => i % 10 == 3))
        {
            Write(root, path, source.WithExtraMethod(File.ReadAllText(Path.Combine(root, path))));
        }

        await CommitAsync(root, "Extend the first modules", cancellationToken);

        WriteModules(root, folders, files, secondCut, shape.Modules);
        WriteDocuments(root, shape.DocumentFiles / 2, shape.DocumentFiles);
        await CommitAsync(root, "Add the last modules and documentation", cancellationToken);

        foreach (var (path, text) in GuardrailFiles.All)
        {
            Write(root, path, text);
        }

        await CommitAsync(root, "Add the Squad configuration and shell guardrails", cancellationToken);
        return await DescribeAsync(root, folders, files, cancellationToken);
    }

    private void WriteModules(string root, List<string> folders, List<IReadOnlyList<string>> files, int from, int to)
    {
        for (var module = from; module < to; module++)
        {
            var name = Path.GetFileName(folders[module]);
            for (var i = 0; i < files[module].Count; i++)
            {
                var path = files[module][i];
                var size = source.Size(shape.MinFileBytes, shape.MaxFileBytes);
                Write(root, path, source.CSharpFile(name, Path.GetFileNameWithoutExtension(path), size, registers: i == 0));
            }
        }
    }

    private void WriteDocuments(string root, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var size = source.Size(shape.MinFileBytes / 2, shape.MaxFileBytes / 2);
            Write(root, $"docs/page{i.ToString("000", CultureInfo.InvariantCulture)}.md", source.Document($"Page {i}", size));
        }
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task CommitAsync(string root, string message, CancellationToken cancellationToken)
    {
        commits++;
        // Fixed dates: the same generator gives the same commits, run after run.
        var date = $"2025-01-{commits.ToString("00", CultureInfo.InvariantCulture)}T10:00:00Z";
        var environment = new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date };
        await git.RunAsync(root, ["add", "-A"], cancellationToken: cancellationToken);
        await git.RunAsync(root, ["commit", "-q", "--no-verify", "-m", message], extraEnvironment: environment, cancellationToken: cancellationToken);
    }

    private async Task<RepositoryManifest> DescribeAsync(string root, List<string> folders, List<IReadOnlyList<string>> files, CancellationToken cancellationToken)
    {
        var tracked = (await git.RunAsync(root, ["ls-files", "-z"], cancellationToken: cancellationToken))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var bytes = tracked.Sum(path => new FileInfo(Path.Combine(root, path)).Length);
        var count = int.Parse((await git.RunAsync(root, ["rev-list", "--count", "HEAD"], cancellationToken: cancellationToken)).Trim(), CultureInfo.InvariantCulture);
        if (tracked.Length < shape.MinimumFiles || bytes < shape.MinimumBytes)
        {
            throw new InvalidOperationException(
                $"the synthetic repository has {tracked.Length} files and {bytes} bytes, under the floor of {shape.MinimumFiles} files and {shape.MinimumBytes} bytes: enlarge RepositoryShape");
        }

        return new RepositoryManifest { Path = root, Files = tracked.Length, Bytes = bytes, Commits = count, ModuleFolders = folders, ModuleFiles = files };
    }
}
