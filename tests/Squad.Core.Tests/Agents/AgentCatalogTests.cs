using Squad.Core.Agents;
using Squad.Core.Domain;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Agents;

public sealed class AgentCatalogTests : IDisposable
{
    private readonly CatalogFolders folders = new();

    public void Dispose() => folders.Dispose();

    private SquadException LoadFails()
    {
        var ex = Assert.Throws<SquadException>(() => AgentCatalog.Load(folders.Agents, folders.Prompts));
        Assert.Equal(SquadErrorCode.InvalidConfiguration, ex.Code);
        return ex;
    }

    [Fact]
    public void Load_RepositoryAgentsAndPrompts_LoadsTheFiveRoles()
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);

        Assert.Equal(
            [RoleNames.CodeReviewer, RoleNames.Developer, RoleNames.Diagnostician, RoleNames.Qa, RoleNames.QaSpecialist],
            catalog.All.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(Enum.GetValues<Role>(), role => Assert.Equal(role.ToName(), catalog[role].Name));
    }

    [Theory]
    [InlineData(Role.CodeReviewer)]
    [InlineData(Role.QaSpecialist)]
    public void Load_RepositoryReviewers_AreReadOnlyWithoutWriteTools(Role role)
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);

        var reviewer = catalog[role];

        Assert.True(reviewer.ReadOnly);
        Assert.Empty(reviewer.Tools.Intersect(ToolNames.Writes));
        Assert.Contains(ToolNames.SubmitReview, reviewer.Tools);
        Assert.Empty(new ToolBox().DeclarationsFor(reviewer).Select(t => t.Name).Intersect(ToolNames.Writes));
    }

    [Fact]
    public void Load_RepositoryRoles_EachEndsThroughOneTool_WithNudgesAndAWarningByDefault()
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);

        Assert.Equal([ToolNames.Finish], catalog[Role.Developer].FinishingTools);
        Assert.Equal([ToolNames.Finish], catalog[Role.Qa].FinishingTools);
        Assert.Equal([ToolNames.SubmitReview], catalog[Role.CodeReviewer].FinishingTools);
        Assert.Equal([ToolNames.SubmitReview], catalog[Role.QaSpecialist].FinishingTools);
        Assert.Equal([ToolNames.SubmitDiagnosis], catalog[Role.Diagnostician].FinishingTools);
        Assert.All(catalog.All, a => Assert.Equal((2, 3), (a.MaxNudges, a.WarnTurnsLeft)));
    }

    [Fact]
    public void Load_LimitsSet_AreRead()
    {
        folders.ReplaceInAgent("developer.yaml", "max_turns: 40", "max_turns: 40\nmax_nudges: 0\nwarn_turns_left: 5");

        var developer = AgentCatalog.Load(folders.Agents, folders.Prompts)[Role.Developer];

        Assert.Equal((40, 0, 5), (developer.MaxTurns, developer.MaxNudges, developer.WarnTurnsLeft));
    }

    [Fact]
    public void Load_RepositoryDiagnostician_IsReadOnlyAndCanOnlySubmitADiagnosis()
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);

        var diagnostician = catalog[Role.Diagnostician];

        Assert.True(diagnostician.ReadOnly);
        Assert.Empty(new ToolBox().DeclarationsFor(diagnostician).Select(t => t.Name).Intersect(ToolNames.Writes));
        Assert.Contains(ToolNames.SubmitDiagnosis, diagnostician.Tools);
        Assert.DoesNotContain(ToolNames.SubmitReview, diagnostician.Tools);
        Assert.DoesNotContain(ToolNames.Comment, diagnostician.Tools);
    }

    [Theory]
    [InlineData(Role.Developer, null)]
    [InlineData(Role.Qa, new[] { "lint" })]
    public void Load_RepositoryWriters_CanWriteAndCommitWithTheirChecks(Role role, string[]? checks)
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);

        var writer = catalog[role];

        Assert.False(writer.ReadOnly);
        Assert.Superset(new HashSet<string>(ToolNames.Writes), new HashSet<string>(writer.Tools));
        Assert.DoesNotContain(ToolNames.SubmitReview, writer.Tools);
        Assert.Equal(checks, writer.CommitChecks);
    }

    [Fact]
    public void Load_RepositoryRoles_HaveDistinctIdentitiesAndRenderablePrompts()
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);

        Assert.Equal(5, catalog.All.Select(a => a.Identity.Email).Distinct().Count());
        Assert.Equal(5, catalog.All.Select(a => a.Identity.Login).Distinct().Count());
        Assert.All(catalog.All, a => Assert.Contains("{{role}}", a.Prompt, StringComparison.Ordinal));
        Assert.All(catalog.All, a => Assert.True(a.MaxTurns > 0));
    }

    [Fact]
    public void Load_CopyOfRepositoryFolders_LoadsAsTheOriginal()
    {
        var catalog = AgentCatalog.Load(folders.Agents, folders.Prompts);

        Assert.Equal(5, catalog.All.Count);
        Assert.Equal("Squad Developer", catalog[Role.Developer].Identity.Name);
    }

    [Fact]
    public void Load_UnknownTool_NamesFileAndTool()
    {
        folders.ReplaceInAgent("developer.yaml", "commit, comment, finish]", "commit, comment, finish, deploy_to_production]");

        var ex = LoadFails();

        Assert.Contains(Path.Combine(folders.Agents, "developer.yaml"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown tool 'deploy_to_production'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadOnlyRoleListingWriteFile_NamesFileAndTool()
    {
        folders.ReplaceInAgent("code-reviewer.yaml", "tools: [read_file,", "tools: [write_file, read_file,");

        var ex = LoadFails();

        Assert.Contains("code-reviewer.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("read-only role 'code-reviewer' lists the write tool 'write_file'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingPromptFile_NamesThePrompt()
    {
        File.Delete(Path.Combine(folders.Prompts, "qa.md"));

        var ex = LoadFails();

        Assert.Contains("qa.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("prompt 'qa.md'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PromptPathWithDotDot_IsRefused()
    {
        File.WriteAllText(Path.Combine(folders.Root, "escape.md"), "You are the {{role}}.");
        folders.ReplaceInAgent("qa.yaml", "prompt: qa.md", "prompt: ../escape.md");

        var ex = LoadFails();

        Assert.Contains("prompt '../escape.md'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownPlaceholder_NamesPromptAndPlaceholder()
    {
        var prompt = Path.Combine(folders.Prompts, "developer.md");
        File.AppendAllText(prompt, "\nThe issue: {{issue_text}}\n");

        var ex = LoadFails();

        Assert.Contains(prompt, ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown placeholder '{{issue_text}}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltKey_NamesFileLineAndSuggestion()
    {
        folders.ReplaceInAgent("code-reviewer.yaml", "read_only: true", "readonly: true");

        var ex = LoadFails();

        Assert.StartsWith(Path.Combine(folders.Agents, "code-reviewer.yaml") + ": line ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("unknown key 'readonly' (did you mean 'read_only'?)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownIdentityKey_IsInvalidConfiguration()
    {
        folders.ReplaceInAgent("qa.yaml", "  login:", "  logon:");

        var ex = LoadFails();

        Assert.Contains("unknown key 'logon' (did you mean 'login'?)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CommentOnlyFile_IsEmptyError()
    {
        File.WriteAllText(Path.Combine(folders.Agents, "qa.yaml"), "# nothing yet\n\n");

        var ex = LoadFails();

        Assert.Equal(Path.Combine(folders.Agents, "qa.yaml") + ": the file is empty: define the role (name, prompt, tools, identity) or delete the file", ex.Message);
    }

    [Fact]
    public void Load_MalformedYaml_NamesFileAndLine()
    {
        File.WriteAllText(Path.Combine(folders.Agents, "qa.yaml"), "name: qa\nprompt: qa.md\n  tools: [read_file]\n");

        var ex = LoadFails();

        Assert.StartsWith(Path.Combine(folders.Agents, "qa.yaml") + ": line 3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnclosedFlowSequenceBeforeNextKey_IsInvalidConfigurationNamingFile()
    {
        File.WriteAllText(Path.Combine(folders.Agents, "qa.yaml"), "name: qa\nprompt: qa.md\ntools: [read_file, write_file\nread_only: false\n");

        var ex = LoadFails();

        Assert.Contains(Path.Combine(folders.Agents, "qa.yaml"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_YamlThatIsNotAMapping_NamesFile()
    {
        File.WriteAllText(Path.Combine(folders.Agents, "qa.yaml"), "- just\n- a list\n");

        var ex = LoadFails();

        Assert.Contains("qa.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected a mapping", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRoleDefinition_NamesTheRole()
    {
        File.Delete(Path.Combine(folders.Agents, "qa-specialist.yaml"));

        var ex = LoadFails();

        Assert.Contains("no definition for role 'qa-specialist'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingAgentsFolder_Fails()
    {
        var missing = Path.Combine(folders.Root, "nope");

        var ex = Assert.Throws<SquadException>(() => AgentCatalog.Load(missing, folders.Prompts));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, ex.Code);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_turns: 40", "max_turns: 0", "'max_turns' must be a positive number")]
    [InlineData("max_turns: 40", "max_turns: many", "'max_turns' must be a positive number")]
    [InlineData("tools: [read_file, list_files, search_files, write_file, edit_file, delete_file, move_file, run_command, shell, commit, comment, finish]", "tools: read_file", "'tools' must list")]
    [InlineData("max_turns: 40", "max_turns: 40\nmax_nudges: -1", "'max_nudges' must be a number of 0 or more")]
    [InlineData("max_turns: 40", "max_turns: 40\nwarn_turns_left: soon", "'warn_turns_left' must be a number of 0 or more")]
    [InlineData("name: developer\n", "", "'name' is required")]
    [InlineData("  email: developer@squad.local\n", "", "'email' is required")]
    public void Load_InvalidField_SaysWhichField(string original, string replacement, string expected)
    {
        folders.ReplaceInAgent("developer.yaml", original, replacement);

        var ex = LoadFails();

        Assert.Contains("developer.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingIdentity_Fails()
    {
        var path = Path.Combine(folders.Agents, "developer.yaml");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..text.IndexOf("identity:", StringComparison.Ordinal)]);

        var ex = LoadFails();

        Assert.Contains("'identity' must give", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DefaultsWhenOptionalFieldsAreAbsent()
    {
        folders.ReplaceInAgent("developer.yaml", "max_turns: 40\n", "");
        folders.ReplaceInAgent("developer.yaml", "model: scripted\n", "");
        folders.ReplaceInAgent("developer.yaml", "display_name: Developer\n", "");

        var developer = AgentCatalog.Load(folders.Agents, folders.Prompts)[Role.Developer];

        Assert.Equal(30, developer.MaxTurns);
        Assert.Equal("scripted", developer.Model);
        Assert.Equal("developer", developer.DisplayName);
        Assert.Null(developer.CommitChecks);
    }

    [Fact]
    public void Load_ReadOnlyWrittenAsYes_IsNotSilentlyAWriter()
    {
        folders.ReplaceInAgent("code-reviewer.yaml", "read_only: true", "read_only: yes");

        var ex = Record.Exception(() => AgentCatalog.Load(folders.Agents, folders.Prompts));

        Assert.True(ex is SquadException || AgentCatalog.Load(folders.Agents, folders.Prompts)[Role.CodeReviewer].ReadOnly);
    }

    [Fact]
    public void WithModel_ReplacesEveryRolesModel()
    {
        var catalog = AgentCatalog.Load(folders.Agents, folders.Prompts);

        var replaced = catalog.WithModel("openai:gpt-4.1");

        Assert.All(replaced.All, a => Assert.Equal("openai:gpt-4.1", a.Model));
        Assert.All(catalog.All, a => Assert.Equal("scripted", a.Model));
    }
}

/// <summary>A temporary copy of the repository's <c>agents/</c> and <c>prompts/</c> for tests to break.</summary>
internal sealed class CatalogFolders : IDisposable
{
    public CatalogFolders()
    {
        Root = Path.Combine(Path.GetTempPath(), "squad-core-catalog-" + Guid.NewGuid().ToString("N"));
        Agents = Path.Combine(Root, "agents");
        Prompts = Path.Combine(Root, "prompts");
        Copy(RepositoryAgents, Agents);
        Copy(RepositoryPrompts, Prompts);
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RepositoryAgents => Path.Combine(RepositoryRoot, "agents");

    public static string RepositoryPrompts => Path.Combine(RepositoryRoot, "prompts");

    public string Root { get; }

    public string Agents { get; }

    public string Prompts { get; }

    /// <summary>Replaces text in an agent file, failing the test if the text is not there (so the edit cannot silently miss).</summary>
    public void ReplaceInAgent(string file, string original, string replacement)
    {
        var path = Path.Combine(Agents, file);
        var text = File.ReadAllText(path);
        Assert.Contains(original, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(original, replacement, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Squad.sln")) && Directory.Exists(Path.Combine(directory.FullName, "agents")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root with Squad.sln and agents/ above {AppContext.BaseDirectory}");
    }
}
