namespace ModelEngine.Server.Endpoints;

/// <summary>Writes an inner result with a <c>Content-Disposition: attachment</c> header naming the file.</summary>
internal sealed class FileNameResult : IResult
{
    private readonly IResult _inner;
    private readonly string _fileName;

    public FileNameResult(IResult inner, string fileName)
    {
        _inner = inner;
        _fileName = fileName;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(_fileName);
        httpContext.Response.Headers.ContentDisposition = disposition.ToString();
        await _inner.ExecuteAsync(httpContext);
    }
}
