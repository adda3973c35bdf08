namespace ModelEngine.HumanTasks;

internal static class AssemblyMarker
{
}
