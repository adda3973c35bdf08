using ModelEngine.Server.Hosting;
using ModelEngine.Server.Identity;

// `hash-password` and `hash-api-key` print values for Identity:Users and Identity:ApiKeys, then exit.
if (CredentialHashCommand.TryRun(args, Console.Out))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddModelEngineServer();

var app = builder.Build();
app.UseModelEngineServer();

await app.RunAsync();

/// <summary>The server's entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
