using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class ProductionIdentityTests
{
    [Fact]
    public async Task Login_DemoPasswordOutsideDevelopment_Returns403()
    {
        using var factory = new ServerFactory()
            .WithEnvironment("Production")
            .WithSetting("Identity:SigningKey", "a-production-signing-key-of-at-least-32-bytes");
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/identity/login", new { username = "bob", password = "modelengine" });

        var problem = await response.ReadObjectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("demo password", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_MissingSigningKeyOutsideDevelopment_Fails()
    {
        using var factory = new ServerFactory().WithEnvironment("Production");

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.True(exception.ToString().Contains("Identity:SigningKey", StringComparison.Ordinal), exception.ToString());
    }
}
