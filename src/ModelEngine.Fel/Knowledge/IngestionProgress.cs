namespace ModelEngine.Fel;

/// <summary>How far an ingestion has come.</summary>
/// <param name="Documents">Documents read so far.</param>
/// <param name="Chunks">Chunks split so far.</param>
/// <param name="Indexed">Chunks embedded and indexed so far.</param>
public sealed record IngestionProgress(int Documents, int Chunks, int Indexed);
