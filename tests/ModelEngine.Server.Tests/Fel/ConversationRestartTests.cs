using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Workflows.Conversations;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>
/// Stops the server while the draft-review sample waits for its reviewer and starts a new one on the same database:
/// the conversation memory written before the stop is there for the turn after it.
/// </summary>
public sealed class ConversationRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelengine-fel-restart-").FullName;

    [Fact]
    public async Task Memory_SurvivesServerRestart()
    {
        var database = Path.Combine(_folder, "restart.db");
        const string draft = "Dear Ada, your parcel left on Monday.";
        string instanceId;
        using (var first = FelServer.OnDatabase(database))
        {
            first.Client.Reply(draft);
            var dave = await first.Factory.CreateClientForAsync("dave");
            var alice = await first.Factory.CreateClientForAsync("alice");
            var sam = await first.Factory.CreateClientForAsync(FelServer.Reviewer);
            await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("ai-draft-review.json"), HttpStatusCode.Created);
            instanceId = await Instances.DispatchAsync(alice, "ai-draft-review", new { customerEmail = "Where is my parcel?", customerName = "Ada" });
            await Instances.WaitForTaskAsync(sam, instanceId);
        }

        using var second = FelServer.OnDatabase(database);
        var reviewer = await second.Factory.CreateClientForAsync(FelServer.Reviewer);
        var initiator = await second.Factory.CreateClientForAsync("alice");
        var task = await Instances.WaitForTaskAsync(reviewer, instanceId);
        const string edited = "Dear Ada, your parcel left our warehouse on Monday and arrives on Thursday.";
        await reviewer.PostObjectAsync($"/api/tasks/{task["id"]}/claim", null);
        await reviewer.PostObjectAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Approve", data = new JsonObject { ["reply"] = edited } });

        var finished = await Instances.WaitForSubStatusAsync(initiator, instanceId, "Finished");
        Assert.Equal(edited, finished["output"]!["reply"]!.GetValue<string>());
        var store = second.Factory.Services.GetRequiredService<IWorkflowInstanceStore>();
        var snapshot = await store.LoadAsync(instanceId).WaitAsync(Timeouts.Request);
        Assert.NotNull(snapshot);
        var memory = WorkflowStateSerializer.Deserialize(snapshot.StateJson).Properties[ConversationMemoryStore.PropertyName]!["customer-reply"]!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "assistant"], memory.Select(message => message!["role"]!.GetValue<string>()));
        Assert.Equal(draft, memory[1]!["text"]!.GetValue<string>());
        Assert.Equal(edited, memory[2]!["text"]!.GetValue<string>());
        Assert.Empty(second.Client.Requests);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background task stays in the temp folder; the OS cleans it up.
        }
    }
}
