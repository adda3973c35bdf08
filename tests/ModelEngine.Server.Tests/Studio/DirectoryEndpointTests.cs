using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Studio;

/// <summary>The user and group directory: the development users, plus the entries under Identity:Directory.</summary>
public sealed class DirectoryEndpointTests : IDisposable
{
    private readonly ServerFactory _factory = new ServerFactory()
        .WithSetting("Identity:Directory:Groups:0:Name", "legal")
        .WithSetting("Identity:Directory:Groups:0:DisplayName", "Legal department")
        .WithSetting("Identity:Directory:Users:0:Name", "erin")
        .WithSetting("Identity:Directory:Users:0:DisplayName", "Erin Zhang")
        .WithSetting("Identity:Directory:Users:0:Groups:0", "auditors");

    [Fact]
    public async Task Users_ListsConfiguredAndDirectoryUsers()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var users = await alice.GetObjectAsync("/api/directory/users");

        var names = users["items"]!.AsArray().Select(item => item?["name"]?.GetValue<string>()).ToList();
        Assert.Equal(["admin", "alice", "bob", "carol", "dave", "erin", "sam"], names);
        Assert.Equal(7, users["totalCount"]!.GetValue<long>());
        var erin = users["items"]!.AsArray().Single(item => item?["name"]?.GetValue<string>() == "erin");
        Assert.Equal("Erin Zhang", erin?["displayName"]?.GetValue<string>());
        var bob = users["items"]!.AsArray().Single(item => item?["name"]?.GetValue<string>() == "bob");
        Assert.Null(bob?["displayName"]);
    }

    [Fact]
    public async Task Users_SearchMatchesNameOrDisplayName()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var byName = await alice.GetObjectAsync("/api/directory/users?search=CAR");
        var byDisplayName = await alice.GetObjectAsync("/api/directory/users?search=zhang");

        Assert.Equal("carol", Assert.Single(byName["items"]!.AsArray())?["name"]?.GetValue<string>());
        Assert.Equal("erin", Assert.Single(byDisplayName["items"]!.AsArray())?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Users_AreServedByPage()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var second = await alice.GetObjectAsync("/api/directory/users?page=2&pageSize=3");

        var names = second["items"]!.AsArray().Select(item => item?["name"]?.GetValue<string>()).ToList();
        Assert.Equal(["carol", "dave", "erin"], names);
        Assert.Equal(7, second["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Users_BadPageSize_Returns400()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var problem = await alice.GetObjectAsync("/api/directory/users?pageSize=0", HttpStatusCode.BadRequest);

        Assert.Equal("pageSize", problem["parameter"]?.GetValue<string>());
        Assert.Equal("0", problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Groups_ListsMemberAndDirectoryGroups()
    {
        var sam = await _factory.CreateClientForAsync("sam");

        var groups = await sam.GetObjectAsync("/api/directory/groups");

        var names = groups["items"]!.AsArray().Select(item => item?["name"]?.GetValue<string>()).ToList();
        Assert.Contains("managers", names);
        Assert.Contains("designers", names);
        Assert.Contains("auditors", names);
        Assert.Contains("legal", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, groups["totalCount"]!.GetValue<long>());
        var legal = groups["items"]!.AsArray().Single(item => item?["name"]?.GetValue<string>() == "legal");
        Assert.Equal("Legal department", legal?["displayName"]?.GetValue<string>());
    }

    [Fact]
    public async Task Groups_SearchMatchesDisplayName()
    {
        var sam = await _factory.CreateClientForAsync("sam");

        var groups = await sam.GetObjectAsync("/api/directory/groups?search=department");

        Assert.Equal("legal", Assert.Single(groups["items"]!.AsArray())?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Directory_NeedsAuthentication()
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.GetAsync("/api/directory/users").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
