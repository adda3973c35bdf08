using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Providers.Clients;

/// <summary>A chat client that also disposes the <see cref="HttpClient"/> under it.</summary>
internal sealed class OwningChatClient : DelegatingChatClient
{
    private readonly HttpClient _http;

    public OwningChatClient(IChatClient innerClient, HttpClient http)
        : base(innerClient)
    {
        _http = http;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }

        base.Dispose(disposing);
    }
}
