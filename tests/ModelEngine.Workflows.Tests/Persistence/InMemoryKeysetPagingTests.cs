using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;

namespace ModelEngine.Workflows.Tests.Persistence;

public sealed class InMemoryKeysetPagingTests
{
    private static readonly DateTimeOffset BaseTime = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryWorkflowStore _store = new([]);

    [Fact]
    public async Task ListAsync_AfterCursor_SeesEachOldInstanceOnce()
    {
        // "i2a" and "i2b" share a creation time, so the cursor must also compare ids.
        foreach (var (id, minute) in new[] { ("i0", 0), ("i1", 1), ("i2a", 2), ("i2b", 2), ("i3", 3) })
        {
            await CommitAsync(id, BaseTime.AddMinutes(minute));
        }

        var seen = new List<string>();
        InstanceCursor? after = null;
        for (var pageNumber = 0; pageNumber < 10; pageNumber++)
        {
            var page = await _store.ListAsync(new InstanceListQuery(new PageRequest(1, 2), After: after)).WaitAsync(EngineHarness.Timeout);
            seen.AddRange(page.Items.Select(summary => summary.Id));
            if (page.Items.Count < 2)
            {
                break;
            }

            after = new InstanceCursor(page.Items[^1].CreatedAt, page.Items[^1].Id);
            await CommitAsync("new" + pageNumber, BaseTime.AddHours(1 + pageNumber));
        }

        Assert.Equal(["i3", "i2b", "i2a", "i1", "i0"], seen);
    }

    [Fact]
    public async Task ListAsync_AfterCursor_CountsEveryMatch()
    {
        await CommitAsync("i0", BaseTime);
        await CommitAsync("i1", BaseTime.AddMinutes(1));

        var page = await _store.ListAsync(new InstanceListQuery(new PageRequest(3, 10), After: new InstanceCursor(BaseTime.AddMinutes(1), "i1"))).WaitAsync(EngineHarness.Timeout);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["i0"], page.Items.Select(summary => summary.Id));
    }

    private Task CommitAsync(string id, DateTimeOffset createdAt) => _store.CommitAsync(new WorkflowCommit
    {
        Summary = new WorkflowInstanceSummary
        {
            Id = id,
            DefinitionId = "paged",
            DefinitionVersionId = "paged:v1",
            Version = 1,
            SubStatus = WorkflowSubStatus.Finished,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            Revision = 1,
        },
        StateJson = "{}",
    }).WaitAsync(EngineHarness.Timeout);
}
