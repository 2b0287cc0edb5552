namespace Squad.Testing.Contracts;

/// <summary>Marks a derived contract suite that runs against PostgreSQL: its facts skip without a server (see <see cref="TestPostgres"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NeedsPostgresAttribute : Attribute;
