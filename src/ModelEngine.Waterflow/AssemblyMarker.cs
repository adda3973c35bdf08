namespace ModelEngine.Waterflow;

internal static class AssemblyMarker
{
}
