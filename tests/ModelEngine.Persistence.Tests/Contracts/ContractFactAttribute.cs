using Xunit.Sdk;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>
/// A fact of a contract suite. Unlike <see cref="FactAttribute.Skip"/>, which is fixed where the suite declares the test,
/// its skip reason depends on the provider subclass that runs it, such as one marked
/// <see cref="PostgreSql.RequiresPostgresAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("ModelEngine.Persistence.Tests.Contracts.ContractFactDiscoverer", "ModelEngine.Persistence.Tests")]
public sealed class ContractFactAttribute : FactAttribute
{
}
