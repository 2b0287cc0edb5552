using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Squad.Cli.Tests.LongestFirst", "Squad.Cli.Tests")]

namespace Squad.Cli.Tests;

/// <summary>
/// Starts the demo's collection first: it runs the whole demo (minutes of sandboxed builds) while every other class, a few
/// seconds each, shares the second thread; started last it would run alone at the end and lengthen the run by its own time.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
        => testCollections
            .OrderBy(collection => collection.DisplayName.EndsWith("." + nameof(DemoTests), StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(collection => collection.UniqueID);
}
