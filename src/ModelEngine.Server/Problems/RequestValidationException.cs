namespace ModelEngine.Server.Problems;

/// <summary>
/// A request parameter or body field is missing or invalid. The API returns 400 with problem details that name the
/// parameter and the value.
/// </summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(string parameter, string? value, string message)
        : base(message)
    {
        Parameter = parameter;
        Value = value;
    }

    /// <summary>The query parameter, header or JSON path of the body field, such as <c>pageSize</c> or <c>$.outcome</c>.</summary>
    public string Parameter { get; }

    public string? Value { get; }
}
