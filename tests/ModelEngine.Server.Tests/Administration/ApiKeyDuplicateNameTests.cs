using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>A second API key with a taken name is a 409 for the caller and no error in the server log.</summary>
public sealed class ApiKeyDuplicateNameTests
{
    [Fact]
    public async Task DuplicateName_Returns409WithoutErrorLog()
    {
        var recorder = new LogRecorder();
        using var factory = new ServerFactory().WithServices(services => services.AddLogging(logging => logging.AddProvider(recorder)));
        var admin = await factory.CreateClientForAsync("admin");
        await admin.PostObjectAsync("/api/api-keys", new { name = "scanner" }, HttpStatusCode.Created);

        var problem = await admin.PostObjectAsync("/api/api-keys", new { name = "scanner" }, HttpStatusCode.Conflict);

        Assert.Contains("'scanner'", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(recorder.Entries, entry => entry.Level >= LogLevel.Error);
    }
}
