using Xunit.Abstractions;
using Xunit.Sdk;

namespace Squad.Testing.Contracts;

/// <summary>Finds <see cref="StoreContractFactAttribute"/> facts; the class they run in (the derived suite) decides whether they skip.</summary>
public sealed class StoreContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new StoreContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
