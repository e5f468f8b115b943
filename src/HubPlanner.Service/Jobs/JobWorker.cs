using System.Text.Json;
using HubPlanner.Data.Store;
using Microsoft.Extensions.Options;

namespace HubPlanner.Service.Jobs;

/// <summary>Wakes idle workers when a job is submitted in this process, so they need not wait a poll period.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1024);

    /// <summary>Wakes one idle worker.</summary>
    public void Notify()
    {
        if (_semaphore.CurrentCount < 64)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Waits for a notification or the timeout.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _semaphore.Dispose();
}

/// <summary>
/// The worker pool: <see cref="ServiceOptions.WorkerConcurrency"/> loops that claim queued jobs with a lease,
/// run them through their <see cref="IJobHandler"/>, heartbeat the lease while writing progress, and write the
/// outcome; plus a recovery loop that re-queues jobs whose lease expired (a crashed worker's jobs). On
/// shutdown the loops stop claiming and give their running jobs back to the queue.
/// </summary>
public sealed class JobWorker(
    IJobStore queue,
    JobHandlerRegistry registry,
    IOptions<ServiceOptions> options,
    TimeProvider time,
    JobSignal signal,
    ILogger<JobWorker> log) : BackgroundService
{
    internal static readonly JsonSerializerOptions ProgressJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ServiceOptions _options = options.Value;

    private enum StopReason
    {
        None = 0,
        CancelRequested,
        LeaseLost,
        Shutdown,
        Timeout,
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(_options.LeaseSeconds);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Recover();
        var loops = Enumerable.Range(1, _options.WorkerConcurrency)
            .Select(i => Task.Run(() => WorkLoopAsync($"{_options.WorkerId}#{i}", stoppingToken), CancellationToken.None))
            .Append(Task.Run(() => RecoveryLoopAsync(stoppingToken), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(loops);
    }

    private void Recover()
    {
        try
        {
            var n = queue.RecoverExpired(time.GetUtcNow(), _options.MaxAttempts);
            if (n > 0)
            {
                log.LogWarning("Recovered {Count} job(s) whose worker lost its lease", n);
            }
        }
        catch (StoreException ex)
        {
            log.LogWarning(ex, "Lease recovery failed; will retry");
        }
    }

    private async Task RecoveryLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, _options.LeaseSeconds / 2.0)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Recover();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task WorkLoopAsync(string owner, CancellationToken stop)
    {
        var idle = TimeSpan.FromMilliseconds(_options.PollMilliseconds);
        while (!stop.IsCancellationRequested)
        {
            Job? job = null;
            try
            {
                job = queue.TryClaim(owner, time.GetUtcNow(), Lease);
            }
            catch (StoreException ex)
            {
                log.LogWarning(ex, "Claim failed; will retry");
            }

            try
            {
                if (job is null)
                {
                    await signal.WaitAsync(idle, stop);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }

            await RunJobAsync(job, owner, stop);
        }
    }

    private async Task RunJobAsync(Job job, string owner, CancellationToken stop)
    {
        log.LogInformation("Job {Id} ({Kind}) claimed by {Owner}, attempt {Attempt}", job.Id, job.Kind, owner, job.Attempts);
        var handler = registry.Find(job.Kind);
        if (handler is null)
        {
            SafeFinish(job, owner, JobStatus.Failed, $"no handler for job kind '{job.Kind}' in this build; known: {string.Join(", ", registry.Kinds)}");
            return;
        }

        JsonElement parameters;
        try
        {
            using var doc = JsonDocument.Parse(job.ParamsJson);
            parameters = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            SafeFinish(job, owner, JobStatus.Failed, $"params_json is not valid JSON: {ex.Message}");
            return;
        }

        var reason = (int)StopReason.None;
        void StopFor(StopReason r) => Interlocked.CompareExchange(ref reason, (int)r, (int)StopReason.None);

        using var runCts = new CancellationTokenSource();
        using var onShutdown = stop.Register(() => { StopFor(StopReason.Shutdown); runCts.Cancel(); });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.JobTimeoutSeconds), time);
        using var onTimeout = timeout.Token.Register(() => { StopFor(StopReason.Timeout); runCts.Cancel(); });
        using var heartbeatDone = new CancellationTokenSource();
        var progress = new LatestProgress();

        var heartbeat = Task.Run(() => HeartbeatLoopAsync(job, owner, progress, r => { StopFor(r); runCts.Cancel(); }, heartbeatDone.Token), CancellationToken.None);
        JobOutcome? outcome = null;
        Exception? failure = null;
        try
        {
            var context = new JobContext(job.Id, job.ScenarioId, parameters, job.Attempts, progress);
            outcome = await handler.RunAsync(context, runCts.Token);
        }
        catch (OperationCanceledException) when (runCts.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a handler's failure of any type is recorded on the job, not allowed to kill the worker
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            await heartbeatDone.CancelAsync();
            await heartbeat;
        }

        try
        {
            Conclude(job, owner, (StopReason)Volatile.Read(ref reason), outcome, failure, progress.TakeIfChanged());
        }
        catch (StoreException ex)
        {
            // The lease will expire and the job will run again: at-least-once execution, exactly one result.
            log.LogError(ex, "Could not record the end of job {Id}; its lease will expire and it will be retried", job.Id);
        }
    }

    private void Conclude(Job job, string owner, StopReason reason, JobOutcome? outcome, Exception? failure, string? lastProgress)
    {
        var now = time.GetUtcNow();
        if (outcome is not null)
        {
            var state = queue.Complete(job.Id, owner, now, outcome, lastProgress);
            log.LogInformation("Job {Id} ended: {State}", job.Id, state);
            return;
        }

        switch (reason)
        {
            case StopReason.LeaseLost:
                log.LogWarning("Job {Id}: lease lost; stopped without writing", job.Id);
                return;
            case StopReason.CancelRequested:
                SafeFinish(job, owner, JobStatus.Cancelled, "cancelled on request", lastProgress);
                return;
            case StopReason.Timeout:
                SafeFinish(job, owner, JobStatus.Failed, $"timed out after {_options.JobTimeoutSeconds} s (JobTimeoutSeconds)", lastProgress);
                return;
            case StopReason.Shutdown when failure is null:
                var released = queue.Release(job.Id, owner);
                log.LogInformation("Job {Id} handed back to the queue at shutdown: {Released}", job.Id, released);
                return;
        }

        var message = failure switch
        {
            JobFailedException f => f.Message,
            null => "the handler stopped without a result",
            _ => $"internal error in the {job.Kind} handler: {failure.GetType().Name}: {failure.Message}",
        };
        if (failure is not null and not JobFailedException)
        {
            log.LogError(failure, "Job {Id} failed with an unexpected exception", job.Id);
        }

        SafeFinish(job, owner, JobStatus.Failed, message, lastProgress);
    }

    private void SafeFinish(Job job, string owner, JobStatus status, string error, string? lastProgress = null)
    {
        var ok = queue.Finish(job.Id, owner, time.GetUtcNow(), status, error, lastProgress);
        log.LogInformation("Job {Id} ended {Status}: {Error} (recorded: {Ok})", job.Id, status.ToText(), error, ok);
    }

    private async Task HeartbeatLoopAsync(Job job, string owner, LatestProgress progress, Action<StopReason> stopJob, CancellationToken done)
    {
        // Tick every half second so progress shows promptly; renew the lease at least every HeartbeatSeconds.
        var tick = TimeSpan.FromMilliseconds(Math.Min(500, _options.HeartbeatSeconds * 1000));
        var lastBeat = time.GetUtcNow();
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                var now = time.GetUtcNow();
                var progressJson = progress.TakeIfChanged();
                if (progressJson is null && now - lastBeat < TimeSpan.FromSeconds(_options.HeartbeatSeconds))
                {
                    continue;
                }

                LeaseState state;
                try
                {
                    state = queue.Heartbeat(job.Id, owner, now, Lease, progressJson);
                    lastBeat = now;
                }
                catch (StoreException ex)
                {
                    log.LogWarning(ex, "Heartbeat of job {Id} failed; will retry", job.Id);
                    continue;
                }

                if (state == LeaseState.Lost)
                {
                    stopJob(StopReason.LeaseLost);
                    return;
                }

                if (state == LeaseState.CancelRequested)
                {
                    stopJob(StopReason.CancelRequested);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
    }

    /// <summary>Keeps only the newest report; the heartbeat writes it. (Not <see cref="Progress{T}"/>, which
    /// would post every report to the thread pool.)</summary>
    private sealed class LatestProgress : IProgress<JobProgress>
    {
        private JobProgress? _latest;
        private int _version;
        private int _taken;

        public void Report(JobProgress value)
        {
            Volatile.Write(ref _latest, value);
            Interlocked.Increment(ref _version);
        }

        public string? TakeIfChanged()
        {
            var v = Volatile.Read(ref _version);
            if (v == _taken)
            {
                return null;
            }

            _taken = v;
            var p = Volatile.Read(ref _latest);
            return p is null ? null : JsonSerializer.Serialize(p, ProgressJson);
        }
    }
}
