using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Activities;

/// <summary>An unwrapped input item that carries expressions, such as a FlowSwitch case, so that they are validated.</summary>
public interface IHasExpressions
{
    IEnumerable<Expression> GetExpressions();
}
