namespace ModelEngine.Waterflow;

/// <summary>An output of a stage that may hold items while the next edge has no credits.</summary>
internal interface IStageOutlet
{
    int Pending { get; }

    bool Flush();

    void Discard();
}
