using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HubPlanner.Service.Tests.Api;

/// <summary>The real service (Kestrel on a free loopback port, worker pool, SQLite file) with the diagnostic
/// <c>wait</c> job kind, short leases, and a token named "test".</summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly TempDatabase _db;
    private readonly WebApplication _app;

    private ServiceUnderTest(TempDatabase db, WebApplication app, HttpClient client, string token)
    {
        _db = db;
        _app = app;
        Client = client;
        Token = token;
    }

    public HttpClient Client { get; }

    public string Token { get; }

    public TempDatabase Db => _db;

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<ServiceUnderTest> StartAsync(params string[] extraArgs) => StartAsync(new TempDatabase(), extraArgs);

    /// <summary>The service on a database holding the mini dataset.</summary>
    public static Task<ServiceUnderTest> StartWithMiniDatasetAsync() => StartAsync(TempDatabase.WithMiniDataset(), []);

    private static async Task<ServiceUnderTest> StartAsync(TempDatabase db, string[] extraArgs)
    {
        var token = db.Store.CreateToken("test", DateTimeOffset.UtcNow)!;
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--HubPlanner:DbPath={db.FilePath}",
            "--HubPlanner:EnableDiagnosticJobs=true",
            "--HubPlanner:LeaseSeconds=4",
            "--HubPlanner:HeartbeatSeconds=1",
            "--HubPlanner:PollMilliseconds=50",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = ServiceApp.Build(args);
        await app.StartAsync();
        var address = app.Urls.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new ServiceUnderTest(db, app, client, token);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, object? json = null, string? token = null, bool authorize = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        }

        if (json is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, object? json = null, string? token = null, bool authorize = true)
    {
        using var request = Request(method, path, json, token, authorize);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public async Task<JsonElement> GetJobAsync(long id) => (await SendAsync(HttpMethod.Get, $"/api/jobs/{id}")).Body;

    /// <summary>Polls until the job satisfies <paramref name="until"/>; fails after 600 polls (60 s, generous for a loaded CI machine).</summary>
    public async Task<JsonElement> PollJobAsync(long id, Func<JsonElement, bool> until)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await GetJobAsync(id);
            if (until(job))
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"job {id} never reached the expected state; last: {await GetJobAsync(id)}");
    }

    private bool _stopped;

    /// <summary>Stops the host as Ctrl+C would (graceful shutdown), keeping the database for inspection.</summary>
    public async Task StopAppAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAppAsync();
        await _app.DisposeAsync();
        _db.Dispose();
    }
}
