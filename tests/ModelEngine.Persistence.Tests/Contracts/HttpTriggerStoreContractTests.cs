using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="IHttpTriggerStore"/>: a definition's triggers are replaced whole, and a route has one owner.</summary>
public abstract class HttpTriggerStoreContractTests : WorkflowStoreContractTests
{
    private IHttpTriggerStore Store => Services.GetRequiredService<IHttpTriggerStore>();

    [ContractFact]
    public async Task Replace_NewVersion_ReplacesTriggers()
    {
        await Store.ReplaceAsync("d1", [Trigger("d1", "POST", "orders/{id}"), Trigger("d1", "GET", "orders/{id}")]).WithTimeout();

        await Store.ReplaceAsync("d1", [Trigger("d1", "PUT", "orders/{id}")]).WithTimeout();

        var trigger = Assert.Single(await Store.ListAsync().WithTimeout());
        Assert.Equal("PUT", trigger.Method);
        Assert.Equal("orders/{}", trigger.RouteKey);
    }

    [ContractFact]
    public async Task Replace_ClaimedRoute_ThrowsNamingOwner()
    {
        await Store.ReplaceAsync("owner", [Trigger("owner", "POST", "orders/{id}")]).WithTimeout();

        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(() => Store.ReplaceAsync("other", [Trigger("other", "POST", "orders/{orderId}")]).WithTimeout());

        Assert.Contains("'owner'", conflict.Message);
        Assert.Equal("owner", Assert.Single(await Store.ListAsync().WithTimeout()).DefinitionId);
    }

    [ContractFact]
    public async Task Replace_Empty_RemovesTriggers()
    {
        await Store.ReplaceAsync("d1", [Trigger("d1", "POST", "orders/{id}")]).WithTimeout();

        await Store.ReplaceAsync("d1", []).WithTimeout();

        Assert.Empty(await Store.ListAsync().WithTimeout());
    }

    private static HttpTrigger Trigger(string definitionId, string method, string path)
    {
        Assert.True(HttpRouteTemplate.TryParse(path, out var template, out var error), error);
        return new HttpTrigger(definitionId, definitionId + "-v1", "root:http", method, template.Template, template.Key, true, null);
    }
}
