using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelEngine.Server.Problems;
using ModelEngine.Server.Tests.Infrastructure;
using Npgsql;

namespace ModelEngine.Server.Tests;

/// <summary>
/// Requests while the database cannot be opened return 503 with Retry-After, and the classifier separates connection
/// failures from other database errors.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private const int DatabaseUnavailableEventId = 1402;

    [Fact]
    public async Task UnopenableDatabase_Returns503()
    {
        var recorder = new LogRecorder();
        using var factory = new ServerFactory().WithServices(services => services.AddLogging(logging => logging.AddProvider(recorder)));
        var alice = await factory.CreateClientForAsync("alice");
        MakeDatabaseUnopenable(factory.DatabasePath);

        var list = await alice.GetAsync("/api/workflow-instances").WaitAsync(Timeouts.Request);
        var dispatch = await alice.PostAsJsonAsync("/api/workflow-definitions/any/dispatch", new { input = new { } }).WaitAsync(Timeouts.Request);
        var login = await factory.CreateClient().PostAsJsonAsync("/api/identity/login", new { username = "bob", password = "modelengine" }).WaitAsync(Timeouts.Request);

        foreach (var response in new[] { list, dispatch, login })
        {
            var problem = await response.ReadObjectAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After is missing: {response.Headers}");
            var traceId = problem["traceId"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(traceId));
            Assert.Contains($"'{traceId}'", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
            Assert.Single(recorder.Entries, entry => entry.EventId == DatabaseUnavailableEventId && Equals(entry.Values.GetValueOrDefault("TraceId"), traceId));
        }
    }

    [Fact]
    public void Classifier_RecognizesConnectionFailures()
    {
        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new SqliteException("unable to open database file", 14)));
        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new SqliteException("database is locked", 5)));
        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(
            new InvalidOperationException("transient failure", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))));
        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new TransientDbException()));
        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new PlainDbException(new TimeoutException("pool exhausted"))));
        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(
            new Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException("gave up", new TransientDbException())));
    }

    [Fact]
    public async Task Classifier_RecognizesRefusedPostgresConnection()
    {
        // Nothing listens on the port, so Npgsql's connect is refused at once.
        using var closedPort = new RefusingPort();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={closedPort.Port};Username=nobody;Password=none;Timeout=5;Pooling=false");

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync().WaitAsync(Timeouts.Request));

        Assert.True(DatabaseUnavailableClassifier.IsDatabaseUnavailable(exception), exception.ToString());
    }

    [Fact]
    public void Classifier_IgnoresOtherErrors()
    {
        Assert.False(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.False(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new PlainDbException(null)));
        Assert.False(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new TimeoutException("a script ran too long")));
        Assert.False(DatabaseUnavailableClassifier.IsDatabaseUnavailable(new InvalidOperationException("bug")));
    }

    /// <summary>Replaces the SQLite file with a folder of the same name, so opening it fails with SQLITE_CANTOPEN.</summary>
    private static void MakeDatabaseUnopenable(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(path);
        SqliteConnection.ClearAllPools();
    }

    private sealed class TransientDbException : DbException
    {
        public override bool IsTransient => true;
    }

    private sealed class PlainDbException(Exception? inner) : DbException("query failed", inner);
}
