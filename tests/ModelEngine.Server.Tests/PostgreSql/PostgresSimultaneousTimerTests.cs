using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.PostgreSql;

/// <summary>The simultaneous timer tests on PostgreSQL, with Hangfire's PostgreSQL storage in the same database.</summary>
[Collection(HangfireCollection.Name)]
public sealed class PostgresSimultaneousTimerTests : SimultaneousTimerTests, IClassFixture<PostgresSimultaneousTimerTests.RecordingDatabase>
{
    private readonly RecordingDatabase _database;

    public PostgresSimultaneousTimerTests(RecordingDatabase database, ITestOutputHelper output)
        : base(output)
    {
        _database = database;
    }

    protected override ServerFactory Server => _database.Server;

    protected override TimerLogRecorder Recorder => _database.Recorder;

    protected override string Provider => "postgres";

    [PostgresFact]
    public Task TimersDueInSameSecond_FireOnceEach() => TimersDueInSameSecond_FireOnceEachAsync();

    [PostgresFact]
    public Task CompletedTaskTimer_NeverFires() => CompletedTaskTimer_NeverFiresAsync();

    /// <summary>A PostgreSQL server of its own with the timer job's log events recorded.</summary>
    public sealed class RecordingDatabase : IAsyncLifetime
    {
        private readonly PostgresServerFactory _database = new();

        public TimerLogRecorder Recorder { get; } = new();

        public ServerFactory Server => _database.Server;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            if (PostgresTestServer.ConnectionString is not null)
            {
                _database.Server.WithServices(Recorder.AddTo);
            }
        }

        public Task DisposeAsync() => _database.DisposeAsync();
    }
}
