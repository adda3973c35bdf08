namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Filters for listing definitions. By default one row per definition: its latest version. With
/// <see cref="PublishedOnly"/>, the published version of each definition that has one.
/// </summary>
public sealed record DefinitionListQuery(PageRequest Page, string? SearchTerm = null, bool PublishedOnly = false);
