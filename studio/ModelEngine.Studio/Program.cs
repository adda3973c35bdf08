using ModelEngine.Studio.Hosting;

// The standalone studio: it serves the studio under Studio:PathBase and calls the server at Studio:ServerUrl.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddModelEngineStudio(builder.Configuration);

var app = builder.Build();
app.UseModelEngineStudio();
var pathBase = builder.Configuration["Studio:PathBase"] ?? "/studio";
app.MapGet("/", () => Results.Redirect(pathBase + "/"));

await app.RunAsync();
