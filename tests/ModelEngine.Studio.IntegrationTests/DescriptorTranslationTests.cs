using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Descriptors;
using ModelEngine.Studio.IntegrationTests.Infrastructure;

namespace ModelEngine.Studio.IntegrationTests;

/// <summary>
/// Reads the activity descriptors of a real server and checks that the studio's ActivityDescriptorResources translate
/// every built-in text: a new activity, input, output or port without a zh-CN entry fails here.
/// </summary>
public sealed class DescriptorTranslationTests : IDisposable
{
    private readonly StudioHost _host = new();

    [Fact]
    public async Task BuiltInTexts_HaveChineseEntries()
    {
        var texts = await ReadBuiltInTextsAsync();

        var chinese = Strings("zh-CN");

        var missing = texts.Keys.Where(key => !chinese.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"ActivityDescriptorResources.zh-CN.resx lacks {missing.Count} keys: add them with their Chinese text.\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task BuiltInTexts_EnglishEntriesMatchServer()
    {
        var texts = await ReadBuiltInTextsAsync();

        var english = Strings(string.Empty);

        var stale = texts.Where(pair => !english.TryGetValue(pair.Key, out var value) || value != pair.Value)
            .Select(pair => $"{pair.Key}: server \"{pair.Value}\", resx \"{english.GetValueOrDefault(pair.Key)}\"")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(stale.Count == 0, $"ActivityDescriptorResources.resx differs from the server in {stale.Count} texts: copy the server's text and update the Chinese one.\n" + string.Join('\n', stale));
    }

    [Fact]
    public async Task BuiltInDescriptors_LocalizeToChinese()
    {
        var descriptors = await ReadBuiltInDescriptorsAsync();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var localizer = new DescriptorLocalizer(_host.Services.GetRequiredService<IStringLocalizer<ActivityDescriptorResources>>());

            var localized = localizer.Localize(descriptors);

            var userTask = Assert.Single(localized, d => d.TypeName == "ModelEngine.UserTask");
            Assert.Equal("用户任务", userTask.DisplayName);
            Assert.Equal("批准", userTask.OutcomeLabel("Approve"));
            Assert.Equal(descriptors.Select(d => d.TypeName), localized.Select(d => d.TypeName));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public void Dispose() => _host.Dispose();

    private async Task<Dictionary<string, string>> ReadBuiltInTextsAsync()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var descriptor in await ReadBuiltInDescriptorsAsync())
        {
            foreach (var (key, text) in DescriptorTextKeys.Texts(descriptor))
            {
                texts[key] = text;
            }
        }

        return texts;
    }

    // The registered activity types; published workflows used as activities are data, not built in.
    private async Task<IReadOnlyList<ActivityDescriptor>> ReadBuiltInDescriptorsAsync()
    {
        using var client = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(60) };
        var login = await client.PostAsJsonAsync("api/identity/login", new { userName = "admin", password = "modelengine" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var page = await client.GetFromJsonAsync<PagedList<ActivityDescriptor>>("api/descriptors/activities", StudioJson.Options);

        var builtIn = page!.Items.Where(d => d.WorkflowDefinitionId is null).ToList();
        Assert.True(builtIn.Count >= 30, $"The server listed {builtIn.Count} built-in activity types; expected 30 or more.");
        return builtIn;
    }

    // The entries of one culture's resx file only, without falling back to the parent culture.
    private Dictionary<string, string> Strings(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var localizer = _host.Services.GetRequiredService<IStringLocalizer<ActivityDescriptorResources>>();
            return localizer.GetAllStrings(includeParentCultures: false).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
