using Xunit.Abstractions;
using Xunit.Sdk;

namespace Squad.Testing.Contracts;

/// <summary>A contract fact that is skipped in a PostgreSQL suite when no server is configured.</summary>
public sealed class StoreContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreContractTestCase()
    {
    }

    public StoreContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsPostgresAttribute)).Any();
        return needsPostgres && TestPostgres.SkipReason is { } reason ? reason : base.GetSkipReason(factAttribute);
    }
}
