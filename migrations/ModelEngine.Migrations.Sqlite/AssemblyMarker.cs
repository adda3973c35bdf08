namespace ModelEngine.Migrations.Sqlite;

internal static class AssemblyMarker
{
}
