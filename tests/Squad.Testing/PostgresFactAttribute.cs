using Xunit;

namespace Squad.Testing;

/// <summary>
/// A fact that needs a real PostgreSQL server (<c>SQUAD_TEST_POSTGRES</c>, a connection string; <c>.ci/run</c> starts a
/// throwaway one): skipped, saying why, without it, except in CI (<c>CI=true</c>), where its absence must fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
