using Squad.Core.Configuration;

namespace Squad.Cli.Tests;

/// <summary><c>squad init</c>: a proposal per stack that the strict loader accepts, written only where none exists.</summary>
public sealed class RepositoryInitTests : IDisposable
{
    private readonly string repository = Directory.CreateTempSubdirectory("squad-init-").FullName;

    private string ConfigFile => Path.Combine(repository, RepositoryConfig.FileName);

    public void Dispose() => Directory.Delete(repository, recursive: true);

    private void Write(string path, string text = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repository, path))!);
        File.WriteAllText(Path.Combine(repository, path), text);
    }

    [Theory]
    [InlineData("src/App/App.csproj", ".NET", "restore", "dotnet restore", "dotnet test --nologo -v q -m:1")]
    [InlineData("Shop.sln", ".NET", "restore", "dotnet restore", "dotnet test --nologo -v q -m:1")]
    [InlineData("requirements.txt", "Python", "install", "pip install -r requirements.txt", "python -m pytest -q")]
    [InlineData("pyproject.toml", "Python", "install", "pip install -e .", "python -m pytest -q")]
    [InlineData("package.json", "Node", "install", "npm ci", "npm test")]
    [InlineData("go.mod", "Go", "download", "go mod download", "go test ./...")]
    [InlineData("Cargo.toml", "Rust", "fetch", "cargo fetch", "cargo test")]
    public async Task Init_KnownStack_WritesAProposalTheStrictLoaderAccepts(string marker, string stack, string setup, string setupLine, string test)
    {
        Write(marker, "{}");

        var result = await CliResult.RunAsync("init", repository);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"for {stack}", result.Error, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(ConfigFile), result.Output);
        var config = RepositoryConfigLoader.Load(repository);
        Assert.Equal([setup], config.Setup);
        Assert.Equal(setupLine, config.Commands[setup]);
        Assert.Equal(test, config.Commands["test"]);
        Assert.Contains("test", config.BeforeCommit);
        Assert.Contains("test", config.Merge);
        Assert.True(config.MergeGuardrailsDeclared);
    }

    [Fact]
    public void Propose_NodeWithLintScript_LintsBeforeCommitAndMerge()
    {
        Write("package.json", """{ "scripts": { "test": "jest", "lint": "eslint ." } }""");

        var config = RepositoryConfigLoader.Parse(RepositoryInit.Propose(repository).Yaml, ".squad.yml");

        Assert.Equal("npm run lint", config.Commands["lint"]);
        Assert.Equal(["lint", "test"], config.Merge);
    }

    [Fact]
    public void Propose_NodeWithoutLintScript_HasNoLint()
    {
        Write("package.json", """{ "scripts": { "test": "jest" } }""");

        var config = RepositoryConfigLoader.Parse(RepositoryInit.Propose(repository).Yaml, ".squad.yml");

        Assert.False(config.Commands.ContainsKey("lint"));
        Assert.Equal(["test"], config.BeforeCommit);
    }

    [Fact]
    public void Propose_Go_FormatsAfterWriteAndChecksFormattingAsLint()
    {
        Write("go.mod", "module example.com/x\n");

        var config = RepositoryConfigLoader.Parse(RepositoryInit.Propose(repository).Yaml, ".squad.yml");

        Assert.Equal(["format"], config.AfterWrite);
        Assert.Equal("test -z \"$(gofmt -l .)\"", config.Commands["lint"]);
    }

    [Fact]
    public async Task Init_UnknownStack_WritesATemplateWithoutMergeGuardrailsAndSaysPrsWaitForAPerson()
    {
        Write("Makefile", "all:\n");

        var result = await CliResult.RunAsync("init", repository);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("every pull request waits for a person", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        var config = RepositoryConfigLoader.Load(repository);
        Assert.False(config.MergeGuardrailsDeclared);
        Assert.Empty(config.Commands);
    }

    [Fact]
    public async Task Init_ExistingSquadYaml_NeverOverwritesItAndExits2()
    {
        Write("go.mod", "module example.com/x\n");
        Write(RepositoryConfig.FileName, "commands:\n  test: make test\n");

        var result = await CliResult.RunAsync("init", repository);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {ConfigFile} already exists, and squad init never overwrites it: compare it with the proposal above", Assert.Single(result.ErrorLines));
        Assert.Contains("go test ./...", result.Output, StringComparison.Ordinal);
        Assert.Equal("commands:\n  test: make test\n", await File.ReadAllTextAsync(ConfigFile));
    }

    [Fact]
    public async Task Init_MissingFolder_Exits2()
    {
        var result = await CliResult.RunAsync("init", Path.Combine(repository, "nope"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a folder", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
