using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ModelEngine.Studio.Hosting;

namespace ModelEngine.Studio.Api;

/// <summary>
/// The server's base URL for API and SignalR calls: <c>Studio:ServerUrl</c>, or, when the server hosts the studio, the
/// first address it listens on, with a wildcard host replaced by loopback.
/// </summary>
public class StudioServerAddress(IOptions<StudioOptions> options, IServiceProvider services)
{
    private Uri? _baseAddress;

    public virtual Uri BaseAddress => _baseAddress ??= Resolve();

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ServerUrl))
        {
            return WithTrailingSlash(new Uri(options.Value.ServerUrl, UriKind.Absolute));
        }

        var addresses = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "The studio does not know the server's URL. Set Studio:ServerUrl, such as http://127.0.0.1:5000/.");
        var uri = new UriBuilder(first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        return WithTrailingSlash(uri.Uri);
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
