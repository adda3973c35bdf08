using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>
/// Hosts the server in memory on its own SQLite file in a temporary folder, in the Development environment and with
/// Hangfire off. Each test class gets one instance through <see cref="IClassFixture{TFixture}"/>.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private string _environment = "Development";

    public ServerFactory()
    {
        Folder = Directory.CreateTempSubdirectory("modelengine-server-tests-").FullName;
        DatabasePath = Path.Combine(Folder, "modelengine.db");
        _settings["ConnectionStrings:ModelEngine"] = $"Data Source={DatabasePath}";
        _settings["Scheduling:Enabled"] = "false";
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    /// <summary>Overrides a configuration value; call before the first client is created.</summary>
    public ServerFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds service registrations after the server's own; call before the first client is created.</summary>
    public ServerFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Sets the host environment; call before the first client is created.</summary>
    public ServerFactory WithEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>
    /// Serves the host with Kestrel on a free loopback port instead of the in-memory test server. Clients that need a real
    /// socket, such as SignalR over WebSockets, use it. Call it before the first client is created.
    /// </summary>
    public ServerFactory WithLoopbackKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>The address Kestrel listens on, after <see cref="WithLoopbackKestrel"/> and the start of the host.</summary>
    public Uri LoopbackAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.Single());
        }
    }

    /// <summary>Logs in as <paramref name="username"/> (password <c>modelengine</c>) and returns the access token.</summary>
    public async Task<string> LoginAsync(string username)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/identity/login", new { username, password = "modelengine" }).WaitAsync(Timeouts.Request);
        Assert.True(response.IsSuccessStatusCode, $"Login as '{username}' failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<LoginBody>())!.AccessToken;
    }

    /// <summary>Returns a client that sends the access token of <paramref name="username"/> (password <c>modelengine</c>).</summary>
    public async Task<HttpClient> CreateClientForAsync(string username)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/identity/login", new { username, password = "modelengine" }).WaitAsync(Timeouts.Request);
        Assert.True(response.IsSuccessStatusCode, $"Login as '{username}' failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<LoginBody>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var configure in _services)
        {
            builder.ConfigureServices(configure);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing background task stays in the temp folder; the OS cleans it up.
            }
        }
    }

    private sealed record LoginBody(string AccessToken);
}
