namespace ModelEngine.Persistence.EntityFrameworkCore;

internal static class AssemblyMarker
{
}
