extern alias ModelEngineServer;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// Hosts the ModelEngine server, which serves the studio at /studio, on Kestrel at 127.0.0.1 and a free port. It runs
/// in the Development environment (demo users, password <c>modelengine</c>) on a SQLite file in a new temporary folder,
/// with Hangfire scheduling off as in the server tests.
/// </summary>
public sealed class StudioServer : WebApplicationFactory<ModelEngineServer::Program>
{
    public const string Password = "modelengine";

    public StudioServer()
    {
        Folder = Directory.CreateTempSubdirectory("modelengine-studio-e2e-").FullName;
        DatabasePath = Path.Combine(Folder, "modelengine.db");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    /// <summary>The server's root address, such as <c>http://127.0.0.1:41234/</c>. Reading it starts the server.</summary>
    public Uri RootAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var address = addresses.Single();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    /// <summary>The studio's address, <c>{root}studio/</c>, to which page paths such as <c>inbox</c> are relative.</summary>
    public Uri StudioAddress => new(RootAddress, "studio/");

    /// <summary>Returns a client for the REST API that sends the access token of <paramref name="username"/>.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string username)
    {
        var client = new HttpClient { BaseAddress = RootAddress, Timeout = BrowserTimeouts.Server };
        using var response = await client.PostAsJsonAsync("api/identity/login", new { username, password = Password }).WaitAsync(BrowserTimeouts.Server);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"Login as '{username}' failed with {(int)response.StatusCode}: {body}");
        }

        var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:ModelEngine", $"Data Source={DatabasePath}");
        builder.UseSetting("Scheduling:Enabled", "false");
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
                // A file that a finishing background task still keeps open stays in the temporary folder.
            }
        }
    }
}
