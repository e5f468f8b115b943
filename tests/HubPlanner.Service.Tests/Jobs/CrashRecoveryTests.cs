using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using HubPlanner.Service.Jobs;

namespace HubPlanner.Service.Tests.Jobs;

/// <summary>
/// The service runs as a child process; a long job is submitted; the process is killed with SIGKILL mid-run;
/// a new process takes over once the dead worker's lease expires; the job completes exactly once.
/// </summary>
public sealed partial class CrashRecoveryTests
{
    /// <summary>Long jobs to crash, run on the base scenario of the mini dataset. The real plan job belongs
    /// here too once its handler is registered: one (kind, params) line that runs for a few seconds.</summary>
    public static TheoryData<string, string> LongJobs => new()
    {
        { JobKinds.Wait, """{"steps": 40, "step_ms": 100}""" },
        // The real pipeline: routing searches until its time limit (wall time), which leaves a window to kill in.
        { JobKinds.Plan, """{"hubs": 2, "routing_time_limit_s": 3}""" },
    };

    [Theory]
    [MemberData(nameof(LongJobs))]
    public async Task AJobWhoseServiceIsKilledMidRun_CompletesExactlyOnceAfterRestart(string kind, string paramsJson)
    {
        using var db = TempDatabase.WithMiniDataset();
        var token = db.Store.CreateToken("crash-test", DateTimeOffset.UtcNow)!;

        long jobId;
        string firstOwner;
        await using (var first = await ChildService.StartAsync(db))
        {
            using var client = first.Client(token);
            var submit = await client.PostAsJsonAsync("/api/jobs", new { kind, @params = JsonDocument.Parse(paramsJson).RootElement });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, submit.StatusCode);
            jobId = (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            await PollAsync(client, jobId, j => j.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("fraction").GetDouble() >= 0.2, first);

            first.KillHard();
            firstOwner = Row(db, jobId).LeaseOwner!;
        }

        var orphan = Row(db, jobId);
        Assert.Equal(JobStatus.Running, orphan.Status); // nobody told the database: the process just died
        Assert.Equal(0, CountResults(db, jobId));

        await using (var second = await ChildService.StartAsync(db))
        {
            using var client = second.Client(token);
            var done = await PollAsync(client, jobId, j => JobStatusText.IsTerminal(j.GetProperty("status").GetString()!), second);
            Assert.Equal(JobStatus.Succeeded.ToText(), done.GetProperty("status").GetString());
            Assert.Equal(2, done.GetProperty("attempts").GetInt64());

            var resultId = done.GetProperty("result_id").GetInt64();
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/results/{resultId}");
            Assert.Equal(jobId, result.GetProperty("job_id").GetInt64());
            Assert.Equal(JsonValueKind.Object, result.GetProperty("report").ValueKind);
            Assert.NotEqual(firstOwner, Row(db, jobId).LeaseOwner); // null now; it was never the dead one's to finish
        }

        Assert.Equal(1, CountResults(db, jobId));
        using var c = db.Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM results"));
        Assert.Equal("ok", c.ExecuteScalar<string>("PRAGMA integrity_check"));
    }

    private static Job Row(TempDatabase db, long id) => db.Store.GetJob(id)!;

    private static long CountResults(TempDatabase db, long id) => db.Store.CountResultsOfJob(id);

    private static async Task<JsonElement> PollAsync(HttpClient client, long id, Func<JsonElement, bool> until, ChildService child)
    {
        JsonElement job = default;
        for (var i = 0; i < 600; i++)
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (until(job))
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"job {id} never reached the expected state; last: {job}\n--- service output ---\n{child.Output}");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    /// <summary>HubPlanner.Service.dll started with `dotnet`, on a port it picks itself (reported on stdout).</summary>
    private sealed class ChildService : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private ChildService(Process process) => _process = process;

        public Uri BaseAddress { get; private set; } = null!;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<ChildService> StartAsync(TempDatabase db)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "HubPlanner.Service.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = db.Directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         dll, "--urls=http://127.0.0.1:0", $"--HubPlanner:DbPath={db.FilePath}", "--HubPlanner:EnableDiagnosticJobs=true",
                         "--HubPlanner:LeaseSeconds=3", "--HubPlanner:HeartbeatSeconds=1", "--HubPlanner:PollMilliseconds=100",
                     })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            var child = new ChildService(Process.Start(start)!);
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnLine(object? sender, DataReceivedEventArgs e)
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (child._output)
                {
                    child._output.AppendLine(e.Data);
                }

                if (ListeningOn().Match(e.Data) is { Success: true } m)
                {
                    listening.TrySetResult(new Uri(m.Groups[1].Value));
                }
            }

            child._process.OutputDataReceived += OnLine;
            child._process.ErrorDataReceived += OnLine;
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            var winner = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(60)), child._process.WaitForExitAsync());
            if (winner != listening.Task)
            {
                child.KillHard();
                throw new Xunit.Sdk.XunitException($"the service did not start:\n{child.Output}");
            }

            child.BaseAddress = await listening.Task;
            return child;
        }

        public HttpClient Client(string token)
        {
            var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        /// <summary>SIGKILL (Process.Kill on Unix): no shutdown code runs, leases are left as they were.</summary>
        public void KillHard()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
                _process.WaitForExit();
            }
        }

        public ValueTask DisposeAsync()
        {
            KillHard();
            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
