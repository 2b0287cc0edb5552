using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Core.Audit;

/// <summary>
/// Prices per model id, in US dollars per million tokens, from configuration (<c>prices.yaml</c>).
/// A model is found by its exact id; a role's <c>provider:model</c> by its model part, then by its
/// provider; a dated snapshot (<c>gpt-4.1-2025-04-14</c>) by the longest priced id it extends.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> prices;

    public PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
        => this.prices = new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);

    public static PriceTable Empty { get; } = new(new Dictionary<string, ModelPrice>());

    public IReadOnlyDictionary<string, ModelPrice> Prices => prices;

    /// <summary>This table with the entries of <paramref name="overrides"/> added or replacing its own.</summary>
    public PriceTable With(PriceTable overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in overrides.prices)
        {
            merged[model] = price;
        }

        return new PriceTable(merged);
    }

    /// <summary>The price of <paramref name="model"/>, or null when the table does not price it.</summary>
    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        if (prices.TryGetValue(model, out var exact))
        {
            return exact;
        }

        var colon = model.IndexOf(':', StringComparison.Ordinal);
        var id = colon > 0 ? model[(colon + 1)..] : model;
        if (prices.TryGetValue(id, out var byId))
        {
            return byId;
        }

        var snapshot = prices.Keys
            .Where(key => id.StartsWith(key + "-", StringComparison.OrdinalIgnoreCase))
            .MaxBy(key => key.Length);
        if (snapshot is not null)
        {
            return prices[snapshot];
        }

        return colon > 0 && prices.TryGetValue(model[..colon], out var byProvider) ? byProvider : null;
    }

    /// <summary>Loads <c>models: { id: { input: USD, output: USD } }</c>, USD per million tokens.</summary>
    /// <exception cref="SquadException">The file is missing or malformed.</exception>
    public static PriceTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"price table '{path}' does not exist");
        }

        YamlMappingNode? models;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            var root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
            models = root?.Children.TryGetValue(new YamlScalarNode("models"), out var node) == true ? node as YamlMappingNode : null;
        }
        catch (YamlException ex)
        {
            throw Invalid(path, $"line {ex.Start.Line}: {ex.Message}");
        }

        if (models is null)
        {
            throw Invalid(path, "expected 'models:' mapping each model id to { input: USD, output: USD, cached_input: USD } per million tokens");
        }

        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in models.Children)
        {
            var model = (key as YamlScalarNode)?.Value ?? "";
            if (model.Length == 0 || value is not YamlMappingNode entry)
            {
                throw Invalid(path, $"'{model}' must map to {{ input: USD, output: USD }}");
            }

            prices[model] = new ModelPrice
            {
                InputPerMillion = Dollars(path, model, entry, "input"),
                OutputPerMillion = Dollars(path, model, entry, "output"),
                CachedInputPerMillion = entry.Children.ContainsKey(new YamlScalarNode("cached_input")) ? Dollars(path, model, entry, "cached_input") : null,
            };
        }

        return new PriceTable(prices);
    }

    private static decimal Dollars(string path, string model, YamlMappingNode entry, string key)
    {
        var text = entry.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Invalid(path, $"'{model}.{key}' must be a non-negative number of US dollars per million tokens");
    }

    private static SquadException Invalid(string path, string detail)
        => new(SquadErrorCode.InvalidConfiguration, $"{path}: {detail}");
}
