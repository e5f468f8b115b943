using System.Net;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Hardening;

/// <summary>Headers every answer carries, and the rule that only loopback is served unless remote access is asked for
/// (and then never without a token).</summary>
public sealed class ApiHygieneTests
{
    [Fact]
    public async Task EveryAnswer_IsNosniffAndNoStore_WithoutAServerHeader()
    {
        await using var s = await ServiceUnderTest.StartAsync();

        var answers = new[]
        {
            await s.SendAsync(HttpMethod.Get, "/health", authorize: false),
            await s.SendAsync(HttpMethod.Get, "/api/scenarios"),
            await s.SendAsync(HttpMethod.Get, "/api/scenarios", authorize: false),
            await s.SendAsync(HttpMethod.Get, "/api/jobs/999"),
            await s.SendAsync(HttpMethod.Post, "/api/jobs", "{\"kind\":"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.BadRequest],
            answers.Select(a => a.Response.StatusCode));
        Assert.All(answers, a =>
        {
            Assert.Equal("nosniff", Assert.Single(a.Response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(a.Response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
            Assert.False(a.Response.Headers.Contains("Server"));
        });
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::]:5080")]
    public void CheckExposure_RefusesANonLoopbackAddressWithoutAllowRemote(string urls)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ServiceApp.CheckExposure(urls, new ServiceOptions()));
        Assert.Contains("--allow-remote", ex.Message, StringComparison.Ordinal);

        ServiceApp.CheckExposure(urls, new ServiceOptions { AllowRemote = true });
        var open = Assert.Throws<InvalidOperationException>(() =>
            ServiceApp.CheckExposure(urls, new ServiceOptions { AllowRemote = true, RequireTokenForReads = false }));
        Assert.Contains("need a token", open.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void CheckExposure_AcceptsLoopback_EvenWithOpenReads(string urls) =>
        ServiceApp.CheckExposure(urls, new ServiceOptions { RequireTokenForReads = false });

    [Fact]
    public void Build_RefusesToListenBeyondLoopbackWithoutAllowRemote()
    {
        using var db = new TempDatabase();
        var ex = Assert.Throws<InvalidOperationException>(() =>
            ServiceApp.Build(["--urls=http://0.0.0.0:0", $"--HubPlanner:DbPath={db.FilePath}"]));
        Assert.Contains("0.0.0.0", ex.Message, StringComparison.Ordinal);
    }
}
