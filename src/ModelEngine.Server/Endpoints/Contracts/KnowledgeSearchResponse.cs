namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The chunks a search found, best first, and the mode that ranked them.</summary>
public sealed record KnowledgeSearchResponse(string KnowledgeBase, string Mode, IReadOnlyList<KnowledgeSearchItem> Items);
