using System.Net;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Features.Designer;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class DefinitionsPageTests : DesignerTestContext
{
    private static readonly PagedList<DefinitionSummary> TwoDefinitions = new(
    [
        new DefinitionSummary { Id = "v3", DefinitionId = "orders", Version = 3, Name = "Orders", IsLatest = true, IsPublished = false },
        new DefinitionSummary { Id = "v1", DefinitionId = "leave", Version = 1, Name = "Leave request", IsLatest = true, IsPublished = true },
    ], 2);

    [Fact]
    public void List_ForAManager_SaysNotAllowed()
    {
        SignIn("bob", "managers");

        var page = RenderWithProviders<DefinitionsPage>();

        Assert.NotEmpty(page.FindAll("[data-testid=definitions-not-allowed]"));
        Assert.Empty(page.FindAll("[data-testid=definitions-table]"));
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void List_ForADesigner_ShowsRows()
    {
        Api.On("GET", "api/workflow-definitions", TwoDefinitions);

        var page = RenderWithProviders<DefinitionsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=definition-row]").Count), TimeSpan.FromSeconds(5));
        Assert.Equal(["orders", "leave"], page.FindAll("[data-testid=definition-row]").Select(e => e.GetAttribute("data-definition-id")));
        Assert.Contains("Leave request", page.Find("[data-testid=definitions-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_SendsTheSearchTerm()
    {
        Api.On("GET", "api/workflow-definitions", TwoDefinitions);
        var page = RenderWithProviders<DefinitionsPage>();

        page.Find("input[data-testid=definitions-search]").Input("leave");
        Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Contains(Api.Requests, r => r.Path.Contains("searchTerm=leave", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void RowClick_OpensTheDesigner()
    {
        Api.On("GET", "api/workflow-definitions", TwoDefinitions);
        var page = RenderWithProviders<DefinitionsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.cursor-pointer").Count), TimeSpan.FromSeconds(5));

        page.FindAll("tr.cursor-pointer")[1].Click();

        Assert.EndsWith("/definitions/leave", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ShowsTheProblemDetail()
    {
        Api.On("GET", "api/workflow-definitions", TwoDefinitions);
        Api.OnProblem("POST", "api/workflow-definitions/import", HttpStatusCode.BadRequest, "The activity 'a1' has the unknown type 'Acme.X'.");
        var page = RenderWithProviders<DefinitionsPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{ "definitionId": "x", "root": { "activities": [] } }""", "x.json"));

        page.WaitForAssertion(() => Assert.Contains("unknown type 'Acme.X'", page.Find("[data-testid=definitions-error]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var request = Assert.Single(Api.Requests, r => r.Method == "POST");
        Assert.Equal("x", request.Body!["definitionId"]!.GetValue<string>());
    }

    [Fact]
    public void Import_OfInvalidJson_NamesTheFile()
    {
        Api.On("GET", "api/workflow-definitions", TwoDefinitions);
        var page = RenderWithProviders<DefinitionsPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{ not json", "broken.json"));

        page.WaitForAssertion(() => Assert.Contains("broken.json", page.Find("[data-testid=definitions-error]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(Api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void Import_OpensTheImportedDefinition()
    {
        Api.On("GET", "api/workflow-definitions", TwoDefinitions);
        Api.On("POST", "api/workflow-definitions/import", DesignerFixtures.SaveAnswer(1, published: true));
        var page = RenderWithProviders<DefinitionsPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{ "definitionId": "orders", "root": { "activities": [] } }""", "orders.json"));

        page.WaitForAssertion(
            () => Assert.EndsWith("/definitions/orders", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
    }
}
