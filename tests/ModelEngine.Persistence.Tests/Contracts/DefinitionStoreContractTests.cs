using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="IWorkflowDefinitionStore"/>.</summary>
public abstract class DefinitionStoreContractTests : WorkflowStoreContractTests
{
    [Fact]
    public async Task SaveAsync_NewVersion_RoundTrips()
    {
        var record = TestData.Definition("invoice", 1, isLatest: true, isPublished: true) with { Description = "Pays invoices" };

        await DefinitionStore.SaveAsync([record]).WithTimeout();
        var found = await DefinitionStore.FindByIdAsync(record.Id).WithTimeout();

        Assert.Equal(record, found);
    }

    [Fact]
    public async Task FindByIdAsync_UnknownId_ReturnsNull()
    {
        var found = await DefinitionStore.FindByIdAsync("missing").WithTimeout();

        Assert.Null(found);
    }

    [Fact]
    public async Task SaveAsync_FlagUpdates_MoveLatestAndPublished()
    {
        var version1 = TestData.Definition("invoice", 1, isLatest: true, isPublished: true);
        await DefinitionStore.SaveAsync([version1]).WithTimeout();

        // A new draft becomes the latest version while version 1 stays published.
        var version2 = TestData.Definition("invoice", 2, isLatest: true, isPublished: false);
        await DefinitionStore.SaveAsync([version1 with { IsLatest = false }, version2]).WithTimeout();

        var latest = await DefinitionStore.FindLatestAsync("invoice").WithTimeout();
        var published = await DefinitionStore.FindPublishedAsync("invoice").WithTimeout();
        Assert.Equal(version2.Id, latest?.Id);
        Assert.Equal(version1.Id, published?.Id);
        Assert.False(published?.IsLatest);

        // Publishing version 2 clears the flag of version 1 in the same call.
        await DefinitionStore.SaveAsync([version1 with { IsLatest = false, IsPublished = false }, version2 with { IsPublished = true }]).WithTimeout();

        published = await DefinitionStore.FindPublishedAsync("invoice").WithTimeout();
        var old = await DefinitionStore.FindByIdAsync(version1.Id).WithTimeout();
        Assert.Equal(version2.Id, published?.Id);
        Assert.False(old?.IsPublished);
    }

    [Fact]
    public async Task ListAsync_Default_ReturnsLatestVersions()
    {
        await DefinitionStore.SaveAsync(
        [
            TestData.Definition("invoice", 1, isLatest: false, isPublished: true),
            TestData.Definition("invoice", 2, isLatest: true, isPublished: false),
            TestData.Definition("leave", 1, isLatest: true, isPublished: true),
        ]).WithTimeout();

        var latest = await DefinitionStore.ListAsync(new DefinitionListQuery(new PageRequest())).WithTimeout();
        var published = await DefinitionStore.ListAsync(new DefinitionListQuery(new PageRequest(), PublishedOnly: true)).WithTimeout();

        Assert.Equal(2, latest.TotalCount);
        Assert.Equal(["invoice:v2", "leave:v1"], latest.Items.Select(d => d.Id).Order());
        Assert.Equal(2, published.TotalCount);
        Assert.Equal(["invoice:v1", "leave:v1"], published.Items.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task ListAsync_SearchTerm_FiltersAndPages()
    {
        await DefinitionStore.SaveAsync(
        [
            TestData.Definition("invoice", 1, isLatest: true, isPublished: false, name: "Invoice approval"),
            TestData.Definition("leave", 1, isLatest: true, isPublished: false, name: "Leave request"),
            TestData.Definition("travel", 1, isLatest: true, isPublished: false, name: "Travel approval"),
        ]).WithTimeout();

        var matches = await DefinitionStore.ListAsync(new DefinitionListQuery(new PageRequest(1, 1), SearchTerm: "approval")).WithTimeout();

        Assert.Equal(2, matches.TotalCount);
        Assert.Single(matches.Items);
    }

    [Fact]
    public async Task SaveAsync_DuplicateVersionNumber_ThrowsConflict()
    {
        await DefinitionStore.SaveAsync([TestData.Definition("invoice", 1, isLatest: true, isPublished: false)]).WithTimeout();
        var duplicate = TestData.Definition("invoice", 1, isLatest: true, isPublished: false) with { Id = "another-id" };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => DefinitionStore.SaveAsync([duplicate]).WithTimeout());
    }
}
