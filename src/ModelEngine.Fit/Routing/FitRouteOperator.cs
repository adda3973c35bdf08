namespace ModelEngine.Fit.Routing;

/// <summary>How a configured rule compares an argument with its value(s). Arguments are compared as invariant strings.</summary>
public enum FitRouteOperator
{
    /// <summary>The argument equals the value (ordinal).</summary>
    Equals,

    /// <summary>The argument equals one of the values (ordinal).</summary>
    In,

    /// <summary>The argument starts with the value (ordinal).</summary>
    Prefix,
}
