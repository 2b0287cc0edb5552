using Squad.Testing;

namespace Squad.Sandbox.Tests;

public sealed class FilesystemAttackTests : IDisposable
{
    private readonly Workspace _workspace = new();

    [BubblewrapFact]
    public async Task Writes_OutsideTheWorkTree_Fail_WhileTheWorkTreeIsWritable()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var homeTarget = Path.Join(home, $"squad-escape-{Guid.NewGuid():N}");
        string[] targets = [Path.Join(_workspace.Sibling, "README"), Path.Join(_workspace.DataDirectory, "squad.db"), homeTarget, "/usr/squad-escape", "/etc/passwd"];
        var attempts = string.Join("; ", targets.Select(target => $"echo pwned > '{target}'"));

        var result = await sandbox.RunAsync(_workspace.Command($"{attempts}; echo mine > in-tree; echo end"));

        Assert.Contains("end", result.Output, StringComparison.Ordinal);
        Assert.Equal("sibling", await File.ReadAllTextAsync(Path.Join(_workspace.Sibling, "README")));
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Join(_workspace.DataDirectory, "squad.db")));
        Assert.False(File.Exists(homeTarget));
        Assert.False(File.Exists("/usr/squad-escape"));
        Assert.DoesNotContain("pwned", await File.ReadAllTextAsync("/etc/passwd"), StringComparison.Ordinal);
        Assert.Equal("mine\n", await File.ReadAllTextAsync(Path.Join(_workspace.WorkTree, "in-tree")));
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task HostSecretsAndNeighbours_DoNotExistInside()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        string[] hidden = ["/etc/shadow", "/root", home, "/work", "/var", "/srv", "/home", _workspace.DataDirectory, _workspace.Sibling];
        var probes = string.Join("; ", hidden.Select(path => $"test -e '{path}' && echo 'visible {path}'"));

        var result = await sandbox.RunAsync(_workspace.Command($"{probes}; ls {_workspace.Root}; test -e /etc/passwd && echo passwd-ok; echo end"));

        Assert.Contains("end", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("visible", result.Output, StringComparison.Ordinal);
        // The work tree's parent lists the work tree alone: its siblings are not mounted.
        var listing = result.Output.Split('\n').TakeWhile(line => line != "passwd-ok").Where(line => line.Length > 0).ToList();
        Assert.Equal(["work"], listing);
        Assert.Contains("passwd-ok", result.Output, StringComparison.Ordinal);
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task Remount_OfTheReadOnlyHost_FailsForLackOfCapabilities()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var marker = $"/usr/squad-escape-{Guid.NewGuid():N}";

        var result = await sandbox.RunAsync(_workspace.Command($"grep CapEff /proc/self/status; mount -o remount,rw,bind /usr; touch {marker}; echo end"));

        Assert.Contains("CapEff:\t0000000000000000", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "a command remounted /usr read-write and wrote to the host");
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task ReadOnlyMount_IsVisibleButNotWritable_WritableMountIsBoth()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var cache = Path.Join(_workspace.Root, "cache");
        var output = Path.Join(_workspace.Root, "out");
        Directory.CreateDirectory(cache);
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Join(cache, "package"), "cached");
        var command = _workspace.Command($"cat {cache}/package; echo x > {cache}/package; echo filled > {output}/result; echo end") with
        {
            Mounts = [new() { Path = cache }, new() { Path = output, Writable = true }],
        };

        var result = await sandbox.RunAsync(command);

        Assert.Contains("cached", result.Output, StringComparison.Ordinal);
        Assert.Equal("cached", await File.ReadAllTextAsync(Path.Join(cache, "package")));
        Assert.Equal("filled\n", await File.ReadAllTextAsync(Path.Join(output, "result")));
    }

    public void Dispose() => _workspace.Dispose();
}
