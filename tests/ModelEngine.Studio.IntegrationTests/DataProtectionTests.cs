using System.Net;
using ModelEngine.Studio.IntegrationTests.Infrastructure;

namespace ModelEngine.Studio.IntegrationTests;

/// <summary>
/// Studio:DataProtection:KeysPath: a studio cookie issued before a restart still signs the user in afterwards when the
/// host keeps its keys there, and does not when the keys change.
/// </summary>
public sealed class DataProtectionTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("modelengine-studio-keys-");

    [Fact]
    public async Task Cookie_SameKeysPath_SurvivesRestart()
    {
        using var browser = new Browser();
        var firstAddress = await SignInOnFirstHostAsync(browser);

        using var restarted = new StudioHost().WithSetting("Studio:DataProtection:KeysPath", _keys.FullName);
        var inbox = await browser.GetWithCookiesOfAsync(new Uri(firstAddress, "studio/"), new Uri(restarted.Address, "studio/inbox"));

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("alice", await inbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(_keys.GetFiles("key-*.xml"));
    }

    [Fact]
    public async Task Cookie_OtherKeysPath_SignsOutAfterRestart()
    {
        using var browser = new Browser();
        var firstAddress = await SignInOnFirstHostAsync(browser);
        var otherKeys = Directory.CreateTempSubdirectory("modelengine-studio-keys-");

        try
        {
            using var restarted = new StudioHost().WithSetting("Studio:DataProtection:KeysPath", otherKeys.FullName);
            var inbox = await browser.GetWithCookiesOfAsync(new Uri(firstAddress, "studio/"), new Uri(restarted.Address, "studio/inbox"));

            Assert.Equal("/studio/account/login", Browser.RedirectTarget(inbox).AbsolutePath);
        }
        finally
        {
            otherKeys.Delete(recursive: true);
        }
    }

    public void Dispose() => _keys.Delete(recursive: true);

    /// <summary>Signs alice in on a host that keeps its keys in the test's folder, stops that host and returns its address.</summary>
    private async Task<Uri> SignInOnFirstHostAsync(Browser browser)
    {
        using var first = new StudioHost().WithSetting("Studio:DataProtection:KeysPath", _keys.FullName);
        var landing = await StudioLogin.PostAsync(browser, first.Address, "alice", "modelengine", "/studio/inbox");
        Assert.Equal("/studio/inbox", Browser.RedirectTarget(landing).AbsolutePath);
        return first.Address;
    }
}
