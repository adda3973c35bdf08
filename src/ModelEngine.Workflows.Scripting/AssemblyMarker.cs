namespace ModelEngine.Workflows.Scripting;

internal static class AssemblyMarker
{
}
