using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Studio.IntegrationTests.Infrastructure;

/// <summary>
/// The ModelEngine server with the studio, served by Kestrel on a free loopback port, on its own SQLite file in a
/// temporary folder, in the Development environment and with Hangfire off.
/// </summary>
public sealed class StudioHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();

    public StudioHost()
    {
        Folder = Directory.CreateTempSubdirectory("modelengine-studio-tests-").FullName;
        _settings["ConnectionStrings:ModelEngine"] = $"Data Source={Path.Combine(Folder, "modelengine.db")}";
        _settings["Scheduling:Enabled"] = "false";
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Folder { get; }

    /// <summary>The host's environment, Development unless <see cref="WithEnvironment"/> changed it.</summary>
    public string EnvironmentName { get; private set; } = "Development";

    /// <summary>The server's address, such as <c>http://127.0.0.1:40123/</c>; reading it starts the host.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new Uri(address.TrimEnd('/') + "/");
        }
    }

    /// <summary>
    /// Points both the server's bearer check and the studio's sign-in at <paramref name="provider"/>. Call it before the
    /// host starts.
    /// </summary>
    public StudioHost WithOidc(TestOidcProvider provider)
    {
        var authority = provider.Issuer.AbsoluteUri;
        _settings["Identity:Oidc:Authority"] = authority;
        _settings["Identity:Oidc:Audience"] = TestOidcProvider.Audience;
        _settings["Identity:Oidc:RequireHttpsMetadata"] = "false";
        _settings["Studio:Oidc:Authority"] = authority;
        _settings["Studio:Oidc:ClientId"] = TestOidcProvider.ClientId;
        _settings["Studio:Oidc:RequireHttpsMetadata"] = "false";
        _settings["Studio:Oidc:Scopes:0"] = "api";
        return this;
    }

    /// <summary>Sets a configuration value. Call it before the host starts.</summary>
    public StudioHost WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Runs the host in <paramref name="environmentName"/>. Outside Development the server reads no
    /// appsettings.Development.json, so this also sets a signing key. The demo password works only in Development.
    /// </summary>
    public StudioHost WithEnvironment(string environmentName)
    {
        EnvironmentName = environmentName;
        if (environmentName != "Development")
        {
            _settings.TryAdd("Identity:SigningKey", "modelengine-integration-test-signing-key-0123456789");
        }

        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureLogging(logging => logging.AddProvider(new FileLoggerProvider(Path.Combine(Folder, "server.log"))));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var log = Path.Combine(Folder, "server.log");
            if (File.Exists(log))
            {
                File.Copy(log, Path.Combine(Path.GetTempPath(), $"modelengine-studio-host-{Path.GetFileName(Folder)}.log"), overwrite: true);
            }

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
}
