using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Dispatch.Tests.Client;

public interface IBaseOperator
{
    [Genericable("inherited.base")]
    string Base(string text);
}

public interface IDerivedOperator : IBaseOperator
{
    [Genericable("inherited.derived")]
    string Derived(string text);
}

[Fitable("inherited-impl")]
public sealed class DerivedOperator : IDerivedOperator
{
    public string Base(string text) => "base " + text;

    public string Derived(string text) => "derived " + text;
}
