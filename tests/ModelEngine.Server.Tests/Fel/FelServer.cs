using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>
/// A test server whose model catalog maps model <see cref="ModelName"/> to a scripted chat client, and whose
/// knowledge base <see cref="PoliciesKnowledgeBase"/> lives in memory. It also adds user <see cref="Reviewer"/> in
/// group <c>support</c>, which the draft-review sample's task is offered to.
/// </summary>
public sealed class FelServer : IDisposable
{
    public const string ModelName = "drafting";

    public const string PoliciesKnowledgeBase = "policies";

    public const string Reviewer = "sam";

    /// <summary>The stream endpoint's heartbeat, short so that a test receives one quickly.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The password hash of "modelengine", as the development users in appsettings.json have it.</summary>
    internal const string PasswordHash = "AQAAAAIAAYagAAAAEEErA4ATej/OllZ5fUQC0Fi2knwdqOpyOeohp963elVbayOuZ009jmUjKCgPEN/vxQ==";

    public FelServer()
        : this(withModel: true, databasePath: null)
    {
    }

    private FelServer(bool withModel, string? databasePath)
    {
        Client = new ScriptedChatClient(ClientClock);
        Catalog = new TestModelCatalog();
        if (withModel)
        {
            Catalog.Add(ModelName, Client);
        }

        Factory = new ServerFactory()
            .WithSetting("Identity:Users:5:Username", Reviewer)
            .WithSetting("Identity:Users:5:PasswordHash", PasswordHash)
            .WithSetting("Identity:Users:5:Groups:0", "support")
            .WithSetting("Fel:Stream:HeartbeatInterval", HeartbeatInterval.ToString())
            .WithServices(services =>
            {
                services.AddSingleton<ModelEngine.Fel.IFelModelCatalog>(Catalog);
                services.AddSingleton<ModelEngine.Fel.IKnowledgeBaseProvider>(Knowledge);
            });
        if (databasePath is not null)
        {
            Factory.WithSetting("ConnectionStrings:ModelEngine", $"Data Source={databasePath}");
        }
    }

    public ServerFactory Factory { get; }

    /// <summary>The clock of the scripted client's delays; the server's own clock is the system clock.</summary>
    public FakeTimeProvider ClientClock { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    public ScriptedChatClient Client { get; }

    internal TestModelCatalog Catalog { get; }

    internal InMemoryKnowledgeBaseProvider Knowledge { get; } = new();

    /// <summary>Returns a server whose catalog configures no model, for the incident that names the missing key.</summary>
    public static FelServer WithoutModels() => new(withModel: false, databasePath: null);

    /// <summary>Returns a server on the SQLite file <paramref name="databasePath"/>, which outlives the server, to test a restart.</summary>
    public static FelServer OnDatabase(string databasePath) => new(withModel: true, databasePath);

    public void Dispose() => Factory.Dispose();
}
