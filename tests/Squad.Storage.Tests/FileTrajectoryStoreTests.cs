using System.Security.Cryptography;
using Squad.Core;

namespace Squad.Storage.Tests;

/// <summary>Trajectory pieces on disk: named only by SHA-256 hex digits, written whole or not at all, written once.</summary>
public sealed class FileTrajectoryStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "squad-trajectories-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Put_ThenGet_GivesTheBytesBackFromAFolderOfItsFirstTwoDigits()
    {
        var store = new FileTrajectoryStore(folder);
        byte[] content = [1, 2, 3];
        var name = Convert.ToHexStringLower(SHA256.HashData(content));

        await store.PutAsync(name, content);
        await store.PutAsync(name, content);

        Assert.Equal(content, await store.GetAsync(name));
        Assert.Equal([Path.Combine(folder, name[..2], name)], Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
        Assert.Null(await store.GetAsync(new string('0', 64)));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    public async Task Name_NotSha256Hex_IsRefusedBeforeItBecomesAPath(string name)
    {
        var store = new FileTrajectoryStore(folder);

        var ex = await Assert.ThrowsAsync<SquadException>(() => store.PutAsync(name, new byte[] { 1 }));

        Assert.Equal(SquadErrorCode.Storage, ex.Code);
        Assert.False(Directory.Exists(folder));
    }
}
