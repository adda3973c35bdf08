namespace ModelEngine.Workflows.Activities;

/// <summary>A loop that a Break activity inside its body ends.</summary>
public interface ILoopActivity
{
}
