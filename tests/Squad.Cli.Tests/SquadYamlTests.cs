using Squad.Core;
using Squad.Server;

namespace Squad.Cli.Tests;

/// <summary>squad.yml is read strictly by each of its readers: a misspelt section or key is an error, not a no-op.</summary>
public sealed class SquadYamlTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("squad-yml-").FullName;

    private string ConfigFile => Path.Combine(folder, "squad.yml");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static SquadException Fails(Action read)
    {
        var error = Assert.Throws<SquadException>(read);
        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Fact]
    public void EveryReader_MisspeltSection_NamesTheLineAndTheSection()
    {
        File.WriteAllText(ConfigFile, "repositories:\n  ENG: acme/checkout\nsweep:\n  - name: nightly\n");
        var expected = $"{ConfigFile}: line 3: unknown key 'sweep' (did you mean 'sweeps'?)";

        Assert.Equal(expected, Fails(() => SweepConfiguration.Load(ConfigFile, folder)).Message);
        Assert.Equal(expected, Fails(() => RepositoryMap.Load(ConfigFile, folder, null)).Message);
        Assert.Equal(expected, Fails(() => SlackConfig.Load(ConfigFile)).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# sweeps come later\n")]
    public void EveryReader_EmptyFile_IsAnError(string text)
    {
        File.WriteAllText(ConfigFile, text);
        var expected = $"{ConfigFile}: the file is empty: declare repositories, sweeps or slack, or delete it";

        Assert.Equal(expected, Fails(() => SweepConfiguration.Load(ConfigFile, folder)).Message);
        Assert.Equal(expected, Fails(() => RepositoryMap.Load(ConfigFile, folder, null)).Message);
        Assert.Equal(expected, Fails(() => SlackConfig.Load(ConfigFile)).Message);
    }

    [Fact]
    public void SlackConfig_MisspeltMode_SuggestsMode()
    {
        File.WriteAllText(ConfigFile, "slack:\n  mod: socket\n");

        Assert.Equal($"{ConfigFile}: line 2: slack: unknown key 'mod' (did you mean 'mode'?)", Fails(() => SlackConfig.Load(ConfigFile)).Message);
    }

    [Fact]
    public void RepositoryMap_RepositoryThatIsAList_NamesTheLine()
    {
        File.WriteAllText(ConfigFile, "repositories:\n  ENG: [acme/a, acme/b]\n");

        Assert.Equal($"{ConfigFile}: line 2: repositories.ENG must be owner/name", Fails(() => RepositoryMap.Load(ConfigFile, folder, null)).Message);
    }

    [Fact]
    public void EveryReader_ValidFile_ReadsItsOwnSection()
    {
        File.WriteAllText(ConfigFile, "repositories:\n  ENG: acme/checkout\nslack:\n  mode: socket\n");

        Assert.Equal("acme/checkout", RepositoryMap.Load(ConfigFile, folder, null).Find("ENG", "Payments"));
        Assert.Equal(SlackConnectionMode.Socket, SlackConfig.Load(ConfigFile).Mode);
        Assert.Empty(SweepConfiguration.Load(ConfigFile, folder));
    }
}
