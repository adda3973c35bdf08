namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations;

/// <summary>
/// Maximum lengths of text columns. SQLite does not enforce them, but other providers turn them into varchar sizes.
/// </summary>
internal static class ColumnLengths
{
    public const int Id = 128;
    public const int Name = 256;
    public const int Title = 512;
    public const int Status = 32;
}
