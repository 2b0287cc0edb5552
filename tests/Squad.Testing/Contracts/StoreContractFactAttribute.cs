using Xunit;
using Xunit.Sdk;

namespace Squad.Testing.Contracts;

/// <summary>
/// A fact of a store contract suite: it runs for every store the suite is derived for, and is skipped, saying why, for a
/// derived suite marked <see cref="NeedsPostgresAttribute"/> when no PostgreSQL server is configured (never in CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Squad.Testing.Contracts.StoreContractFactDiscoverer", "Squad.Testing")]
public sealed class StoreContractFactAttribute : FactAttribute;
