using Squad.Core.Configuration;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData(".github/workflows/**", ".github/workflows/ci.yml")]
    [InlineData(".github/workflows/**", ".github/workflows/nested/deploy.yml")]
    [InlineData("**/*.csproj", "a/b/c.csproj")]
    [InlineData("**/*.csproj", "c.csproj")]
    [InlineData("Directory.*.props", "Directory.Build.props")]
    [InlineData("Directory.*.props", "Directory.Packages.props")]
    [InlineData(".squad.yml", ".squad.yml")]
    [InlineData("src/**/secrets/*", "src/secrets/key.pem")]
    [InlineData("src/**/secrets/*", "src/a/b/secrets/key.pem")]
    [InlineData("file?.txt", "file1.txt")]
    public void IsMatch_PathTheGlobCovers_ReturnsTrue(string pattern, string path)
    {
        Assert.True(PathGlob.IsMatch(pattern, path));
    }

    [Theory]
    [InlineData(".github/workflows/**", ".github/CODEOWNERS")]
    [InlineData(".github/workflows/**", "docs/.github/workflows/ci.yml")]
    [InlineData("**/*.csproj", "a/b/c.csproj.user")]
    [InlineData("**/*.csproj", "a/b/ccsproj")]
    [InlineData("Directory.*.props", "src/Directory.Build.props")]
    [InlineData("Directory.*.props", "DirectoryXBuild.props")]
    [InlineData(".squad.yml", "xsquadxyml")]
    [InlineData(".squad.yml", "sub/.squad.yml")]
    [InlineData("file?.txt", "file10.txt")]
    [InlineData("file?.txt", "file/.txt")]
    public void IsMatch_PathOutsideTheGlob_ReturnsFalse(string pattern, string path)
    {
        Assert.False(PathGlob.IsMatch(pattern, path));
    }

    [Fact]
    public void IsMatch_DefaultProtectedPaths_CoverWorkflowsAndSquadConfig()
    {
        bool Protected(string path) => RepositoryConfig.DefaultProtectedPaths.Any(p => PathGlob.IsMatch(p, path));

        Assert.True(Protected(".github/workflows/release.yml"));
        Assert.True(Protected(RepositoryConfig.FileName));
        Assert.False(Protected("src/Program.cs"));
    }
}
