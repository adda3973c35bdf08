using Xunit.Abstractions;
using Xunit.Sdk;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>Creates a <see cref="ContractTestCase"/> for each <see cref="ContractFactAttribute"/> test of a provider subclass.</summary>
public sealed class ContractFactDiscoverer : FactDiscoverer
{
    public ContractFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new ContractTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
