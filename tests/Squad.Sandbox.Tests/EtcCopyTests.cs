using Squad.Testing;

namespace Squad.Sandbox.Tests;

/// <summary>The one private copy of /etc's few entries a sandboxed command sees (<see cref="EtcCopy"/>).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EtcCopyTests : IDisposable
{
    private readonly Workspace _workspace = new();

    [BubblewrapFact]
    public async Task Command_ReadsTheHostsEntries_ButCannotWriteTheCopy_NorSeeWhatOthersMayNotRead()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var layout = HostLayout.Read(Environment.GetEnvironmentVariable("PATH"));
        Assert.NotNull(layout.EtcFolder);
        var hostsBefore = await File.ReadAllTextAsync(Path.Join(layout.EtcFolder, "hosts"));

        var result = await sandbox.RunAsync(_workspace.Command(
            "cat /etc/passwd | head -1; echo pwned > /etc/hosts; echo pwned > /etc/squad-new; "
            + "test -e /etc/ssl/private && echo private-visible; test -e /etc/shadow && echo shadow-visible; "
            + "echo end"));

        Assert.Contains("end", result.Output, StringComparison.Ordinal);
        Assert.Contains((await File.ReadAllLinesAsync("/etc/passwd"))[0] + "\n", result.Output, StringComparison.Ordinal);
        Assert.Equal(hostsBefore, await File.ReadAllTextAsync(Path.Join(layout.EtcFolder, "hosts")));
        Assert.False(File.Exists(Path.Join(layout.EtcFolder, "squad-new")));
        Assert.DoesNotContain("private-visible", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("shadow-visible", result.Output, StringComparison.Ordinal);
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public void Copy_HoldsOnlyWhatEveryUserMayRead_FollowsTopLevelLinks_KeepsInnerLinks_AndNobodyElseCanEnterIt()
    {
        var source = Path.Join(_workspace.Root, "etc");
        Directory.CreateDirectory(Path.Join(source, "ssl", "private"));
        Directory.CreateDirectory(Path.Join(source, "ssl", "certs"));
        File.WriteAllText(Path.Join(source, "ssl", "private", "key.pem"), "secret key");
        File.SetUnixFileMode(Path.Join(source, "ssl", "private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Join(source, "ssl", "certs", "ca.pem"), "public cert");
        File.CreateSymbolicLink(Path.Join(source, "ssl", "certs", "link.pem"), "/usr/share/ca-certificates/some.crt");
        File.WriteAllText(Path.Join(source, "shadow-like"), "hashes");
        File.SetUnixFileMode(Path.Join(source, "shadow-like"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Join(_workspace.Root, "real-resolv"), "nameserver 10.0.0.1\n");
        File.CreateSymbolicLink(Path.Join(source, "resolv.conf"), Path.Join(_workspace.Root, "real-resolv"));
        File.WriteAllText(Path.Join(source, "hosts"), "127.0.0.1 localhost\n");
        File.SetUnixFileMode(Path.Join(source, "hosts"), (UnixFileMode)0b110_100_100 | UnixFileMode.SetUser);

        var copy = EtcCopy.For([.. new[] { "ssl", "shadow-like", "resolv.conf", "hosts" }.Select(name => Path.Join(source, name))]);

        Assert.NotNull(copy);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(copy));
        Assert.Equal("public cert", File.ReadAllText(Path.Join(copy, "ssl", "certs", "ca.pem")));
        Assert.Equal("/usr/share/ca-certificates/some.crt", new FileInfo(Path.Join(copy, "ssl", "certs", "link.pem")).LinkTarget);
        Assert.False(Directory.Exists(Path.Join(copy, "ssl", "private")));
        Assert.False(File.Exists(Path.Join(copy, "shadow-like")));
        Assert.Null(new FileInfo(Path.Join(copy, "resolv.conf")).LinkTarget);
        Assert.Equal("nameserver 10.0.0.1\n", File.ReadAllText(Path.Join(copy, "resolv.conf")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Join(copy, "hosts")));
        Assert.Same(copy, EtcCopy.For([.. new[] { "ssl", "shadow-like", "resolv.conf", "hosts" }.Select(name => Path.Join(source, name))]));
    }

    [BubblewrapFact]
    public void NetworkCommand_GetsTheLiveResolverFiles_OverTheCopy_OthersTheCopyAlone()
    {
        var layout = HostLayout.Read(Environment.GetEnvironmentVariable("PATH"));
        Assert.NotNull(layout.EtcFolder);

        var closed = layout.Binds(network: false).ToList();
        var open = layout.Binds(network: true).ToList();

        Assert.Contains((layout.EtcFolder, "/etc"), closed);
        Assert.DoesNotContain(closed, bind => bind.Path.StartsWith("/etc/", StringComparison.Ordinal));
        var live = open.Where(bind => bind.Path.StartsWith("/etc/", StringComparison.Ordinal)).ToList();
        Assert.All(live, bind => Assert.Equal(bind.Source, bind.Path));
        Assert.Equal(layout.Etc.Where(path => path is "/etc/resolv.conf" or "/etc/hosts").Order(), live.Select(bind => bind.Path).Order());
        Assert.True(open.IndexOf((layout.EtcFolder, "/etc")) < open.FindIndex(bind => bind.Path.StartsWith("/etc/", StringComparison.Ordinal)) || live.Count == 0);
    }

    [BubblewrapFact]
    public void LeftoverOfAKilledProcess_IsSwept_OneOfALiveProcessStays()
    {
        var temp = Path.GetTempPath();
        var dead = Directory.CreateDirectory(Path.Join(temp, $"squad-etc-{int.MaxValue - 7}-{Guid.NewGuid():N}"));
        File.WriteAllText(Path.Join(dead.FullName, "passwd"), "x");
        var alive = Directory.CreateDirectory(Path.Join(temp, $"squad-etc-1-{Guid.NewGuid():N}"));
        try
        {
            EtcCopy.SweepLeftovers();

            Assert.False(Directory.Exists(dead.FullName));
            Assert.True(Directory.Exists(alive.FullName));
        }
        finally
        {
            alive.Delete(recursive: true);
        }
    }

    public void Dispose() => _workspace.Dispose();
}
