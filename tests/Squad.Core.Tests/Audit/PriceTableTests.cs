using Squad.Core.Audit;

namespace Squad.Core.Tests.Audit;

public sealed class PriceTableTests : IDisposable
{
    private static readonly PriceTable Table = new(new Dictionary<string, ModelPrice>
    {
        ["scripted"] = Price(1m, 4m),
        ["gpt-4.1"] = Price(2m, 8m),
        ["gpt-4.1-mini"] = Price(0.4m, 1.6m),
        ["ollama"] = Price(0m, 0m),
    });

    private readonly string file = Path.Combine(Path.GetTempPath(), "squad-prices-" + Guid.NewGuid().ToString("N") + ".yaml");

    public void Dispose() => File.Delete(file);

    [Theory]
    [InlineData("gpt-4.1", 2)]
    [InlineData("openai:gpt-4.1", 2)]
    [InlineData("gpt-4.1-2025-04-14", 2)]
    [InlineData("gpt-4.1-mini-2025-04-14", 0.4)]
    [InlineData("scripted:/tmp/script.yaml", 1)]
    [InlineData("ollama:llama3.1", 0)]
    public void Find_ModelAsRolesAndProvidersNameIt_FindsItsPrice(string model, double inputPerMillion)
        => Assert.Equal((decimal)inputPerMillion, Table.Find(model)?.InputPerMillion);

    [Theory]
    [InlineData("gpt-4")]
    [InlineData("openai:o3")]
    [InlineData("")]
    public void Find_UnpricedModel_IsNull(string model) => Assert.Null(Table.Find(model));

    [Fact]
    public void Cost_MillionTokensEachWay_IsTheSumOfBothPrices() => Assert.Equal(10m, Price(2m, 8m).Cost(1_000_000, 1_000_000));

    [Fact]
    public void Cost_CachedInput_IsPricedAtTheCachedPriceAndTheInputPriceWithoutOne()
    {
        var cachedPrice = Price(3m, 15m) with { CachedInputPerMillion = 0.3m };

        Assert.Equal(3m + 0.3m + 15m, cachedPrice.Cost(2_000_000, 1_000_000, cachedInputTokens: 1_000_000));
        Assert.Equal(6m + 15m, Price(3m, 15m).Cost(2_000_000, 1_000_000, cachedInputTokens: 1_000_000));
        Assert.Equal(0.0003m, cachedPrice.Cost(1_000, 0, cachedInputTokens: 5_000_000));
    }

    [Fact]
    public void Load_CachedInput_IsReadAndTheShippedListPricesIt()
    {
        File.WriteAllText(file, "models:\n  claude-sonnet-4: { input: 3, output: 15, cached_input: 0.3 }\n");

        Assert.Equal(0.3m, PriceTable.Load(file).Find("claude-sonnet-4")!.CachedInputPerMillion);
        var shipped = PriceTable.Load(Path.Combine(Agents.CatalogFolders.RepositoryRoot, "src", "Squad.Cli", "prices.yaml"));
        Assert.Equal(0.3m, shipped.Find("anthropic:claude-sonnet-4")!.CachedInputPerMillion);
        Assert.Null(shipped.Find("scripted")!.CachedInputPerMillion);
    }

    [Fact]
    public void Load_ValidFile_ReadsEveryModelAndWithReplacesOnlyItsEntries()
    {
        File.WriteAllText(file, "models:\n  gpt-4.1: { input: 3.5, output: 9 }\n  claude-sonnet-4: { input: 3, output: 15 }\n");

        var merged = Table.With(PriceTable.Load(file));

        Assert.Equal(3.5m, merged.Find("gpt-4.1")!.InputPerMillion);
        Assert.Equal(15m, merged.Find("anthropic:claude-sonnet-4")!.OutputPerMillion);
        Assert.Equal(1m, merged.Find("scripted")!.InputPerMillion);
    }

    [Theory]
    [InlineData("models:\n  gpt-4.1: { input: -1, output: 8 }\n", "'gpt-4.1.input' must be a non-negative number")]
    [InlineData("models:\n  gpt-4.1: { input: 2 }\n", "'gpt-4.1.output'")]
    [InlineData("models:\n  gpt-4.1: { input: 2, output: 8, cached_input: cheap }\n", "'gpt-4.1.cached_input' must be a non-negative number")]
    [InlineData("prices: {}\n", "expected 'models:'")]
    [InlineData("models: [unclosed\n", "line ")]
    public void Load_MalformedFile_ThrowsInvalidConfigurationNamingTheFileAndTheProblem(string yaml, string problem)
    {
        File.WriteAllText(file, yaml);

        var error = Assert.Throws<SquadException>(() => PriceTable.Load(file));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static ModelPrice Price(decimal input, decimal output) => new() { InputPerMillion = input, OutputPerMillion = output };
}
