using System.Net;

namespace ModelEngine.Studio.IntegrationTests.Infrastructure;

/// <summary>Signs in through the studio's login form, the way a browser does.</summary>
public static class StudioLogin
{
    /// <summary>
    /// Opens the login page of the studio at <paramref name="address"/>, posts its form with the antiforgery token it
    /// carries, and returns the response.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(Browser browser, Uri address, string userName, string password, string returnUrl)
    {
        var page = new Uri(address, $"studio/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var form = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var (action, fields) = Browser.ReadForm(await form.Content.ReadAsStringAsync(), page);
        Assert.True(fields.ContainsKey("__RequestVerificationToken"), "The login form has no antiforgery token.");
        Assert.Equal(returnUrl, fields["Input.ReturnUrl"]);

        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        return await browser.PostFormAsync(action, fields);
    }
}
