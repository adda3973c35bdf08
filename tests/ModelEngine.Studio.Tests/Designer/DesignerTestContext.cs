using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Features.Designer.Canvas;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Designer;

/// <summary>A test context with the designer's services, dave (designers) signed in and the descriptors scripted.</summary>
public abstract class DesignerTestContext : StudioTestContext, IAsyncLifetime
{
    private protected DesignerTestContext()
    {
        Services.AddScoped<DescriptorsApi>();
        Services.AddScoped<DefinitionsApi>();
        Services.AddDesignerFeature();
        SignIn("dave", "designers");
        Api.On("GET", "api/descriptors/activities", DesignerFixtures.DescriptorPage);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover and key interceptor services are only IAsyncDisposable, so the container must be disposed
    // asynchronously; xunit calls this before Dispose.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Scripts <c>GET</c> of <paramref name="definition"/> and renders the designer on it.</summary>
    internal IRenderedComponent<DesignerPage> RenderDesigner(JsonObject definition)
    {
        var definitionId = definition["definitionId"]!.GetValue<string>();
        Api.On("GET", $"api/workflow-definitions/{definitionId}", definition);
        var page = RenderPage<DesignerPage>(p => p.Add(x => x.DefinitionId, definitionId));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Document), TimeSpan.FromSeconds(5));
        return page;
    }

    /// <summary>The dialog provider of the last <see cref="RenderPage{T}"/>; dialogs and message boxes render inside it.</summary>
    internal IRenderedComponent<MudDialogProvider> DialogHost { get; private set; } = default!;

    /// <summary>Renders <typeparamref name="T"/> after the MudBlazor providers, keeping the dialog provider for the test.</summary>
    internal IRenderedComponent<T> RenderPage<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        Render<MudPopoverProvider>();
        DialogHost = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render(parameters ?? (_ => { }));
    }

    internal static IRenderedComponent<FlowchartCanvas> Canvas(IRenderedComponent<DesignerPage> page) => page.FindComponent<FlowchartCanvas>();

    internal static CanvasNode Node(IRenderedComponent<DesignerPage> page, string id) =>
        Assert.Single(Canvas(page).Instance.Graph.Nodes, n => n.Id == id);

    internal ScriptedRequest[] Writes() => [.. Api.Requests.Where(r => r.Method != "GET")];

    /// <summary>Raises a canvas event on the renderer's thread, as the canvas does.</summary>
    internal static Task Raise<T>(IRenderedComponent<DesignerPage> page, Func<FlowchartCanvas, EventCallback<T>> callback, T value) =>
        page.InvokeAsync(() => callback(Canvas(page).Instance).InvokeAsync(value)).WaitAsync(TimeSpan.FromSeconds(5));
}
