using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="IWorkflowDefinitionStore"/>.</summary>
public abstract class DefinitionStoreContractTests : WorkflowStoreContractTests
{
    [ContractFact]
    public async Task SaveAsync_NewVersion_RoundTrips()
    {
        var record = TestData.Definition("invoice", 1, isLatest: true, isPublished: true) with { Description = "Pays invoices" };

        await DefinitionStore.SaveAsync([record]).WithTimeout();
        var found = await DefinitionStore.FindByIdAsync(record.Id).WithTimeout();

        Assert.Equal(record, found);
    }

    [ContractFact]
    public async Task FindByIdAsync_UnknownId_ReturnsNull()
    {
        var found = await DefinitionStore.FindByIdAsync("missing").WithTimeout();

        Assert.Null(found);
    }

    [ContractFact]
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

    [ContractFact]
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

    [ContractFact]
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

    [ContractFact]
    public async Task SaveAsync_DuplicateVersionNumber_ThrowsConflict()
    {
        await DefinitionStore.SaveAsync([TestData.Definition("invoice", 1, isLatest: true, isPublished: false)]).WithTimeout();
        var duplicate = TestData.Definition("invoice", 1, isLatest: true, isPublished: false) with { Id = "another-id" };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => DefinitionStore.SaveAsync([duplicate]).WithTimeout());
    }

    [ContractFact]
    public async Task FindVersionAsync_ByNumber_ReturnsThatVersion()
    {
        await DefinitionStore.SaveAsync(
        [
            TestData.Definition("invoice", 1, isLatest: false, isPublished: true),
            TestData.Definition("invoice", 2, isLatest: true, isPublished: false),
        ]).WithTimeout();

        var found = await DefinitionStore.FindVersionAsync("invoice", 1).WithTimeout();
        var missing = await DefinitionStore.FindVersionAsync("invoice", 3).WithTimeout();

        Assert.Equal("invoice:v1", found?.Id);
        Assert.Null(missing);
    }

    [ContractFact]
    public async Task ListVersionsAsync_Paged_NewestFirst()
    {
        await DefinitionStore.SaveAsync(
        [
            TestData.Definition("invoice", 1, isLatest: false, isPublished: false),
            TestData.Definition("invoice", 3, isLatest: true, isPublished: false),
            TestData.Definition("invoice", 2, isLatest: false, isPublished: true),
            TestData.Definition("leave", 1, isLatest: true, isPublished: true),
        ]).WithTimeout();

        var first = await DefinitionStore.ListVersionsAsync("invoice", new PageRequest(1, 2)).WithTimeout();
        var second = await DefinitionStore.ListVersionsAsync("invoice", new PageRequest(2, 2)).WithTimeout();
        var none = await DefinitionStore.ListVersionsAsync("missing", new PageRequest()).WithTimeout();

        Assert.Equal(3, first.TotalCount);
        Assert.Equal(["invoice:v3", "invoice:v2"], first.Items.Select(d => d.Id));
        Assert.Equal(["invoice:v1"], second.Items.Select(d => d.Id));
        Assert.True(first.Items[1].IsPublished);
        Assert.Equal(0, none.TotalCount);
        Assert.Empty(none.Items);
    }

    [ContractFact]
    public async Task DeleteAsync_Definition_RemovesEveryVersionOnly()
    {
        await DefinitionStore.SaveAsync(
        [
            TestData.Definition("invoice", 1, isLatest: false, isPublished: true),
            TestData.Definition("invoice", 2, isLatest: true, isPublished: false),
            TestData.Definition("leave", 1, isLatest: true, isPublished: true),
        ]).WithTimeout();

        var deleted = await DefinitionStore.DeleteAsync("invoice").WithTimeout();
        var again = await DefinitionStore.DeleteAsync("invoice").WithTimeout();

        Assert.Equal(2, deleted);
        Assert.Equal(0, again);
        Assert.Null(await DefinitionStore.FindByIdAsync("invoice:v1").WithTimeout());
        Assert.Null(await DefinitionStore.FindLatestAsync("invoice").WithTimeout());
        Assert.NotNull(await DefinitionStore.FindByIdAsync("leave:v1").WithTimeout());
    }
}
