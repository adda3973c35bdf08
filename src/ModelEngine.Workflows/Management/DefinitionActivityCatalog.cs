using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Management;

/// <summary>Lists the published definitions that are usable as activities, as activity descriptors.</summary>
public sealed class DefinitionActivityCatalog
{
    private const int PageSize = 200;

    private readonly IWorkflowDefinitionStore _store;

    public DefinitionActivityCatalog(IWorkflowDefinitionStore store)
    {
        _store = store;
    }

    /// <summary>Returns a descriptor for each published definition whose <c>options.usableAsActivity</c> is set, by type name.</summary>
    public async Task<IReadOnlyList<ActivityDescriptor>> ListDescriptorsAsync(CancellationToken cancellationToken = default)
    {
        // NOTE: the flag lives in the stored model, so this reads every published version. A column for the flag
        // would let the store filter them.
        var descriptors = new List<ActivityDescriptor>();
        for (var page = 1; ; page++)
        {
            var summaries = await _store.ListAsync(new DefinitionListQuery(new PageRequest(page, PageSize), null, PublishedOnly: true), cancellationToken).ConfigureAwait(false);
            foreach (var summary in summaries.Items)
            {
                var record = await _store.FindByIdAsync(summary.Id, cancellationToken).ConfigureAwait(false);
                if (record is not null && DefinitionActivityDescriber.Describe(record) is { } descriptor)
                {
                    descriptors.Add(descriptor);
                }
            }

            if (summaries.Items.Count < PageSize)
            {
                break;
            }
        }

        descriptors.Sort((left, right) => string.CompareOrdinal(left.TypeName, right.TypeName));
        return descriptors;
    }
}
