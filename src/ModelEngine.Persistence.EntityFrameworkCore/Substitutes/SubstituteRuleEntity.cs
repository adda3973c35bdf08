namespace ModelEngine.Persistence.EntityFrameworkCore.Substitutes;

/// <summary>A row of the SubstituteRules table.</summary>
internal sealed class SubstituteRuleEntity
{
    public required string Id { get; set; }

    public required string User { get; set; }

    public required string Substitute { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
