// Load test of the hosted service on 127.0.0.1: N concurrent clients submit diagnostic jobs, poll them and
// read their results and GeoJSON for a fixed time, then every job is checked (none lost, none duplicated,
// exactly one result each). A single-client read phase measured first in the same run is the baseline.
//   dotnet run -c Release --project tools/HubPlanner.LoadTest -- [--clients 50] [--seconds 30] [--workers 4] [--json]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using HubPlanner.Data.Store;
using HubPlanner.Service;
using Microsoft.Data.Sqlite;

var clients = IntArg("--clients", 50);
var seconds = IntArg("--seconds", 30);
var workers = IntArg("--workers", 4);
var json = args.Contains("--json");
if (clients < 1 || seconds < 1 || workers < 1)
{
    Console.Error.WriteLine("usage: HubPlanner.LoadTest [--clients N] [--seconds S] [--workers W] [--json]");
    return 2;
}

var dir = Path.Combine(Path.GetTempPath(), "hp-loadtest-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
var dbPath = Path.Combine(dir, "load.gpkg");
var token = PlanningStore.Open(dbPath).CreateToken("load", DateTimeOffset.UtcNow)!;

await using var app = ServiceApp.Build(
[
    "--urls=http://127.0.0.1:0", $"--HubPlanner:DbPath={dbPath}", "--HubPlanner:EnableDiagnosticJobs=true",
    $"--HubPlanner:WorkerConcurrency={workers}", "--HubPlanner:PollMilliseconds=100", "--Logging:LogLevel:Default=Warning",
]);
await app.StartAsync();
var baseAddress = new Uri(app.Urls.Single());
if (!IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host)))
{
    throw new InvalidOperationException($"refusing to load-test a non-loopback address {baseAddress}");
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 8 })
{
    BaseAddress = baseAddress,
    Timeout = TimeSpan.FromSeconds(30),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

var stats = new ConcurrentDictionary<string, ConcurrentBag<double>>();
var errors = new ConcurrentBag<string>();
var submitted = new ConcurrentBag<long>();

// Baseline: one client reading a finished job, with the service otherwise idle.
var warm = await SubmitAndWaitAsync(CancellationToken.None);
var baseline = new List<double>();
var baselineEnd = Stopwatch.GetTimestamp() + (long)(3 * Stopwatch.Frequency);
while (Stopwatch.GetTimestamp() < baselineEnd)
{
    var t = Stopwatch.GetTimestamp();
    using var r = await http.GetAsync($"/api/jobs/{warm}");
    await r.Content.ReadAsByteArrayAsync();
    baseline.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
}

// Load: every client loops submit → poll → result → GeoJSON → list until the deadline, then drains.
var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c))));
wall.Stop();
await app.StopAsync();

// Verification against the database: every submitted job exists once, succeeded, with exactly one result.
SqliteConnection.ClearAllPools();
// An independent check: plain SQL on the file, not the store under test.
using var check = new SqliteConnection($"Data Source={dbPath};Pooling=False");
check.Open();
var ids = submitted.ToHashSet();
var jobRows = check.Query<(long Id, string Status, long? ResultId)>("SELECT id, status, result_id FROM jobs").ToList();
var resultJobs = check.Query<long>("SELECT job_id FROM results").ToList();
var lost = ids.Count(id => jobRows.All(j => j.Id != id));
var unexpected = jobRows.Count(j => !ids.Contains(j.Id) && j.Id != warm);
var notSucceeded = jobRows.Count(j => j.Status != "succeeded");
var duplicatedResults = resultJobs.Count - resultJobs.Distinct().Count();
var withoutResult = jobRows.Count(j => j.Status == "succeeded" && !resultJobs.Contains(j.Id));
var integrity = check.ExecuteScalar<string>("PRAGMA integrity_check");

Console.WriteLine($"{"phase/endpoint",-22} {"requests",9} {"p50_ms",8} {"p95_ms",8} {"p99_ms",8} {"max_ms",8}");
Row("baseline:get_job", baseline);
var reads = new List<double>();
foreach (var (name, bag) in stats.OrderBy(kv => kv.Key, StringComparer.Ordinal))
{
    var list = bag.ToList();
    Row("load:" + name, list);
    if (name != "submit")
    {
        reads.AddRange(list);
    }
}

Row("load:all_reads", reads);
var p95Ratio = Percentile(reads, 0.95) / Math.Max(1e-9, Percentile(baseline, 0.95));
Console.WriteLine(
    $"clients={clients} seconds={wall.Elapsed.TotalSeconds:0.0} jobs={ids.Count} errors={errors.Count} lost={lost} unexpected={unexpected} " +
    $"not_succeeded={notSucceeded} duplicated_results={duplicatedResults} succeeded_without_result={withoutResult} integrity={integrity} " +
    $"read_p95_ms={Percentile(reads, 0.95):0.00} baseline_p95_ms={Percentile(baseline, 0.95):0.00} ratio={p95Ratio:0.00}");
foreach (var e in errors.Take(10))
{
    Console.Error.WriteLine("error: " + e);
}

var ok = errors.IsEmpty && lost == 0 && unexpected == 0 && notSucceeded == 0 && duplicatedResults == 0 && withoutResult == 0 && integrity == "ok";
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["suite"] = "service-load",
        ["clients"] = clients,
        ["seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 1),
        ["workers"] = workers,
        ["jobs"] = ids.Count,
        ["requests"] = reads.Count + stats.GetValueOrDefault("submit")?.Count ?? 0,
        ["errors"] = errors.Count,
        ["lost"] = lost,
        ["duplicated_results"] = duplicatedResults,
        ["read_p50_ms"] = Math.Round(Percentile(reads, 0.50), 2),
        ["read_p95_ms"] = Math.Round(Percentile(reads, 0.95), 2),
        ["baseline_read_p95_ms"] = Math.Round(Percentile(baseline, 0.95), 2),
        ["p95_ratio_vs_baseline"] = Math.Round(p95Ratio, 2),
        ["ok"] = ok,
    }));
}

SqliteConnection.ClearAllPools();
Directory.Delete(dir, recursive: true);
return ok ? 0 : 1;

async Task ClientAsync(int client)
{
    var rng = new Random(client); // seeded: the same run shape every time
    var iterations = 0;
    // Bounded twice: by the deadline and by an iteration cap, so a stuck server cannot keep the loop alive.
    while (Stopwatch.GetTimestamp() < deadline && iterations++ < 100_000)
    {
        try
        {
            var id = await SubmitAndWaitAsync(CancellationToken.None, rng.Next(1, 4));
            var job = await TimedJsonAsync("get_job", $"/api/jobs/{id}");
            var resultId = job.GetProperty("result_id").GetInt64();
            await TimedJsonAsync("get_result", $"/api/results/{resultId}");
            await TimedJsonAsync("get_geojson", $"/api/results/{resultId}/geojson");
            await TimedJsonAsync("list_jobs", "/api/jobs?limit=20");
        }
#pragma warning disable CA1031 // every failure is counted and reported; the run goes on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            errors.Add($"client {client}: {ex.GetType().Name}: {ex.Message}");
            await Task.Delay(100);
        }
    }
}

async Task<long> SubmitAndWaitAsync(CancellationToken ct, int steps = 2)
{
    var t = Stopwatch.GetTimestamp();
    using var response = await http.PostAsJsonAsync("/api/jobs", new { kind = "wait", @params = new { steps, step_ms = 20 } }, ct);
    var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    Record("submit", t);
    if (response.StatusCode != HttpStatusCode.Accepted)
    {
        throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {body}");
    }

    var id = body.GetProperty("id").GetInt64();
    submitted.Add(id);
    for (var poll = 0; poll < 1200; poll++) // ≤ 120 s per job
    {
        await Task.Delay(100, ct);
        var job = await TimedJsonAsync("poll_job", $"/api/jobs/{id}");
        var status = job.GetProperty("status").GetString();
        if (status == "succeeded")
        {
            return id;
        }

        if (status is "failed" or "cancelled")
        {
            throw new InvalidOperationException($"job {id} ended {status}: {job.GetProperty("error")}");
        }
    }

    throw new TimeoutException($"job {id} did not finish within 120 s");
}

async Task<JsonElement> TimedJsonAsync(string name, string path)
{
    var t = Stopwatch.GetTimestamp();
    using var response = await http.GetAsync(path);
    var bytes = await response.Content.ReadAsByteArrayAsync();
    Record(name, t);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
    }

    return JsonDocument.Parse(bytes).RootElement.Clone();
}

void Record(string name, long start) =>
    stats.GetOrAdd(name, _ => []).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

static double Percentile(List<double> values, double q)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static void Row(string name, List<double> values) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {values.Count,9} {Percentile(values, 0.5),8:0.00} {Percentile(values, 0.95),8:0.00} {Percentile(values, 0.99),8:0.00} {(values.Count == 0 ? double.NaN : values.Max()),8:0.00}"));

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
