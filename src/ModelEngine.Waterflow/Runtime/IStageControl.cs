namespace ModelEngine.Waterflow;

/// <summary>A signal that a stage runs on its own thread, in order with the items it processes.</summary>
internal interface IStageControl
{
    void Run();
}
