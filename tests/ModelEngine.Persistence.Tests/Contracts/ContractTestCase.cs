using ModelEngine.Persistence.Tests.PostgreSql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>
/// A contract test on one provider subclass. It is skipped when the subclass needs a server that is not configured.
/// The reason is computed when the test case is initialised, so it reflects the environment of the run.
/// </summary>
public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the deserializer of xUnit test cases.", error: true)]
    public ContractTestCase()
    {
    }

    public ContractTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var testClass = TestMethod.TestClass.Class.ToRuntimeType();
        var needsPostgres = testClass?.IsDefined(typeof(RequiresPostgresAttribute), inherit: false) == true;
        if (needsPostgres && PostgresTestServer.SkipReason is { } reason)
        {
            return reason;
        }

        return base.GetSkipReason(factAttribute);
    }
}
