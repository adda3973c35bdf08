using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>The outbox rows of a commit on the server's SQLite database are written with the commit, or not at all.</summary>
public sealed class OutboxCommitTests : IClassFixture<OutboxCommitTests.Node>
{
    private readonly Node _node;

    public OutboxCommitTests(Node node)
    {
        _node = node;
    }

    [Fact]
    public async Task OutboxRow_IsWrittenOnlyWhenCommitSucceeds()
    {
        var committer = _node.Services.GetRequiredService<IWorkflowCommitter>();
        var outbox = _node.Services.GetRequiredService<IOutboxStore>();
        var instanceId = Guid.NewGuid().ToString("N");
        var sent = Message(instanceId);
        var lost = Message(instanceId);

        await committer.CommitAsync(Commit(instanceId, expectedRevision: null, revision: 1, sent));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => committer.CommitAsync(Commit(instanceId, expectedRevision: 7, revision: 8, lost)));

        var rows = await outbox.ListUnclaimedMessagesAsync(DateTimeOffset.UtcNow.AddHours(1), 1000);
        Assert.Contains(rows, row => row.Id == sent.Id);
        Assert.DoesNotContain(rows, row => row.Id == lost.Id);
        Assert.Contains(instanceId, conflict.Message);
    }

    [Fact]
    public async Task OutboxClaim_IsGrantedOnceUntilLeaseEnds()
    {
        var committer = _node.Services.GetRequiredService<IWorkflowCommitter>();
        var outbox = _node.Services.GetRequiredService<IOutboxStore>();
        var instanceId = Guid.NewGuid().ToString("N");
        var message = Message(instanceId);
        await committer.CommitAsync(Commit(instanceId, expectedRevision: null, revision: 1, message));
        var now = DateTimeOffset.UtcNow;

        var first = await outbox.TryClaimMessageAsync(message.Id, now, TimeSpan.FromMinutes(1));
        var second = await outbox.TryClaimMessageAsync(message.Id, now.AddSeconds(30), TimeSpan.FromMinutes(1));
        var afterLease = await outbox.TryClaimMessageAsync(message.Id, now.AddMinutes(2), TimeSpan.FromMinutes(1));
        await outbox.DeleteMessageAsync(message.Id);
        var afterDelete = await outbox.TryClaimMessageAsync(message.Id, now.AddMinutes(10), TimeSpan.FromMinutes(1));

        Assert.True(first);
        Assert.False(second);
        Assert.True(afterLease);
        Assert.False(afterDelete);
    }

    private static OutboxMessage Message(string instanceId) =>
        new(Guid.NewGuid().ToString("N"), instanceId, MessagingTestNodes.MessageType, "c-1", """{"n":1}""", DateTimeOffset.UtcNow);

    private static WorkflowCommit Commit(string instanceId, long? expectedRevision, long revision, OutboxMessage message)
    {
        var now = DateTimeOffset.UtcNow;
        return new WorkflowCommit
        {
            Summary = new WorkflowInstanceSummary
            {
                Id = instanceId,
                DefinitionId = "outbox-owner",
                DefinitionVersionId = "outbox-owner-v1",
                Version = 1,
                SubStatus = WorkflowSubStatus.Finished,
                CreatedAt = now,
                UpdatedAt = now,
                FinishedAt = now,
                Revision = revision,
            },
            StateJson = "{}",
            ExpectedRevision = expectedRevision,
            Changes = [message],
        };
    }

    /// <summary>A host whose relay polls once an hour, so rows committed here stay in the outbox.</summary>
    public sealed class Node : IDisposable
    {
        private readonly ServerFactory _factory = MessagingTestNodes.InMemory().WithSetting("Messaging:OutboxPollInterval", "01:00:00");

        public IServiceProvider Services => _factory.Services;

        public void Dispose() => _factory.Dispose();
    }
}
