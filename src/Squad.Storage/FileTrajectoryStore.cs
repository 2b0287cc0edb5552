using Squad.Core;
using Squad.Core.Audit;

namespace Squad.Storage;

/// <summary>
/// Trajectory pieces as files under the data directory: <c>trajectories/ab/abcdef…</c>, each written to a temporary
/// file and renamed into place, so a kill leaves a whole piece or none. Names are checked to be SHA-256 hex digits
/// before they become paths.
/// </summary>
public sealed class FileTrajectoryStore(string folder) : ITrajectoryStore
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <summary>Where the piece named <paramref name="name"/> is kept.</summary>
    public string PathOf(string name)
    {
        if (name.Length != 64 || !name.All(char.IsAsciiHexDigitLower))
        {
            throw new SquadException(SquadErrorCode.Storage, $"'{name}' is not a trajectory name (64 lower-case hex digits)");
        }

        return Path.Combine(Folder, name[..2], name);
    }
}
