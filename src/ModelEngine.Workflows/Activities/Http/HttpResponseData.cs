namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// A response that WriteHttpResponse wrote: the status code, the content type, the headers and the body as text
/// (<see langword="null"/> for no body).
/// </summary>
public sealed record HttpResponseData(
    int StatusCode,
    string? ContentType,
    IReadOnlyDictionary<string, string[]> Headers,
    string? Body);
