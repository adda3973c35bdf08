using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests;

/// <summary>The simultaneous timer tests on SQLite, with Hangfire's SQLite storage in the same file.</summary>
[Collection(HangfireCollection.Name)]
public sealed class SqliteSimultaneousTimerTests : SimultaneousTimerTests, IClassFixture<SqliteSimultaneousTimerTests.RecordingServer>
{
    private readonly RecordingServer _server;

    public SqliteSimultaneousTimerTests(RecordingServer server, ITestOutputHelper output)
        : base(output)
    {
        _server = server;
    }

    protected override ServerFactory Server => _server.Server;

    protected override TimerLogRecorder Recorder => _server.Recorder;

    protected override string Provider => "sqlite";

    [Fact]
    public Task TimersDueInSameSecond_FireOnceEach() => TimersDueInSameSecond_FireOnceEachAsync();

    [Fact]
    public Task CompletedTaskTimer_NeverFires() => CompletedTaskTimer_NeverFiresAsync();

    /// <summary>A SQLite server with Hangfire on and the timer job's log events recorded.</summary>
    public sealed class RecordingServer : IDisposable
    {
        public RecordingServer()
        {
            Server = new ServerFactory().WithSetting("Scheduling:Enabled", "true").WithServices(Recorder.AddTo);
        }

        public TimerLogRecorder Recorder { get; } = new();

        public ServerFactory Server { get; }

        public void Dispose() => Server.Dispose();
    }
}
