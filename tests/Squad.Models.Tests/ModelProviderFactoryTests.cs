using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Models.Scripted;
using Squad.Models.Tests.Scripted;

namespace Squad.Models.Tests;

public sealed class ModelProviderFactoryTests : IDisposable
{
    private readonly TempScript script = new(ScriptFixtures.Checkout);

    public void Dispose() => script.Dispose();

    private static ModelSettings Settings(params string[] models) => new()
    {
        Models = models,
        GetEnvironmentVariable = name => name switch
        {
            "OPENAI_API_KEY" => "sk-test-openai",
            "ANTHROPIC_API_KEY" => "sk-ant-test",
            "OPENROUTER_API_KEY" => "sk-or-test",
            "BROKEN_BASE_URL" => "not a url",
            _ => null,
        },
    };

    [Theory]
    [InlineData("openai:gpt-4.1", "openai: set OPENAI_API_KEY to use openai:gpt-4.1 (keys are read from the environment only)")]
    [InlineData("anthropic:claude-sonnet-4-5", "anthropic: set ANTHROPIC_API_KEY to use anthropic:claude-sonnet-4-5 (keys are read from the environment only)")]
    public void Create_KeyNotSet_FailsAtStartUpNamingTheVariable(string model, string message)
    {
        var error = Assert.Throws<SquadException>(() => ModelProviderFactory.Create(Settings(model) with { GetEnvironmentVariable = _ => null }, null));

        Assert.Equal((SquadErrorCode.InvalidConfiguration, message), (error.Code, error.Message));
    }

    [Fact]
    public void Create_KeyVariableNamedInSettings_ReadsThatVariable()
    {
        var settings = Settings("openai:meta-llama/llama-3.1-8b-instruct:free") with
        {
            OpenAI = ProviderSettings.OpenAIDefaults with { ApiKeyVariable = "OPENROUTER_API_KEY" },
            GetEnvironmentVariable = name => name == "OPENROUTER_API_KEY" ? "sk-or-test" : null,
        };

        var models = ModelProviderFactory.Create(settings, null);

        Assert.Equal("openai:meta-llama/llama-3.1-8b-instruct:free", models.Description);
        Assert.False(models.IsScripted);
    }

    [Theory]
    [InlineData("gemini:pro")]
    [InlineData("openai:")]
    [InlineData("gpt-4.1")]
    public void Create_UnknownModel_FailsNamingTheForms(string model)
    {
        var error = Assert.Throws<SquadException>(() => ModelProviderFactory.Create(Settings(model), null));

        Assert.Equal($"model '{model}' is not known: use openai:MODEL, anthropic:MODEL, scripted or scripted:PATH", error.Message);
    }

    [Fact]
    public void Create_BaseUrlVariableNotAUrl_FailsWithoutRepeatingIt()
    {
        var settings = Settings("openai:gpt-4.1") with { OpenAI = ProviderSettings.OpenAIDefaults with { BaseUrlVariable = "BROKEN_BASE_URL" } };

        var error = Assert.Throws<SquadException>(() => ModelProviderFactory.Create(settings, null));

        Assert.Equal("openai: BROKEN_BASE_URL is not an absolute http(s) URL", error.Message);
    }

    [Fact]
    public void Create_Scripted_PlaysTheGivenScriptAndSaysSo()
    {
        var models = ModelProviderFactory.Create(Settings("scripted"), script.FilePath);

        Assert.True(models.IsScripted);
        Assert.Equal("scripted (scripted-responses.yaml)", models.Description);
        Assert.IsType<ScriptedChatClient>(models.GetClient(ScriptFixtures.Invocation("CHK-1", "qa", 1)));
    }

    [Fact]
    public void Create_ScriptedPathMissing_FailsAsBadInput()
    {
        var missing = Path.Combine(Path.GetTempPath(), "squad-no-such-script.yaml");

        var error = Assert.Throws<SquadException>(() => ModelProviderFactory.Create(Settings($"scripted:{missing}"), null));

        Assert.Equal((SquadErrorCode.InvalidInput, $"script '{missing}' does not exist: pass --model scripted:PATH with an existing file"), (error.Code, error.Message));
    }

    [Fact]
    public void GetClient_RolesOnDifferentModels_GetTheirOwnClients()
    {
        var models = ModelProviderFactory.Create(Settings("openai:gpt-4.1-mini", "anthropic:claude-sonnet-4-5", $"scripted:{script.FilePath}"), null);

        var cheap = models.GetClient(ScriptFixtures.Invocation("CHK-1", "code-reviewer", 1) with { Model = "openai:gpt-4.1-mini" });
        var strong = models.GetClient(ScriptFixtures.Invocation("CHK-1", "developer", 1) with { Model = "anthropic:claude-sonnet-4-5" });
        var scripted = models.GetClient(ScriptFixtures.Invocation("CHK-1", "qa", 1) with { Model = $"scripted:{script.FilePath}" });

        Assert.Equal("openai", cheap.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Equal("gpt-4.1-mini", cheap.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal("anthropic", strong.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.IsType<ScriptedChatClient>(scripted);
        Assert.False(models.IsScripted);
        Assert.Equal("anthropic:claude-sonnet-4-5, openai:gpt-4.1-mini, scripted (scripted-responses.yaml)", models.Description);
    }
}
