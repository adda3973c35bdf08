namespace ModelEngine.Workflows;

internal static class AssemblyMarker
{
}
