using System.ComponentModel.DataAnnotations;

namespace HubPlanner.Service;

/// <summary>
/// Settings of the hosted service, bound from the configuration section <c>HubPlanner</c> (command line
/// <c>--HubPlanner:DbPath=x.gpkg</c>, environment <c>HubPlanner__DbPath</c>, or appsettings.json) and validated
/// when the host starts, so that a bad value stops the service before it claims any job.
/// </summary>
public sealed class ServiceOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "HubPlanner";

    /// <summary>The planning database (SQLite / GeoPackage file).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DbPath { get; set; } = "hubplanner.gpkg";

    /// <summary>Number of jobs run at once by this process.</summary>
    [Range(1, 64)]
    public int WorkerConcurrency { get; set; } = 1;

    /// <summary>How long a claimed job stays ours without a heartbeat; after that any worker may re-queue it.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a running job renews its lease, writes progress and looks for a cancel request.</summary>
    [Range(1, 600)]
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>A job still running after this long is stopped and marked failed.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int JobTimeoutSeconds { get; set; } = 3600;

    /// <summary>How often an idle worker looks for queued jobs (it is also woken at once by a submit in this process).</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>When false, GET endpoints are open and only writes need a token (loopback addresses only).</summary>
    public bool RequireTokenForReads { get; set; } = true;

    /// <summary>Allows listening on an address other than loopback; reads then always need a token.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Registers the diagnostic job kind <c>wait</c> (sleeps in steps, reports progress, writes a
    /// small result): used by the crash test and the load test, off in production.</summary>
    public bool EnableDiagnosticJobs { get; set; }

    /// <summary>This process's name in <c>jobs.lease_owner</c>; unique per process unless set.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>A job whose worker was lost this many times is marked failed instead of re-queued, so one
    /// job that kills its process cannot stop the queue forever.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatSeconds * 2 > LeaseSeconds)
        {
            yield return new ValidationResult(
                $"HeartbeatSeconds ({HeartbeatSeconds}) must be at most half of LeaseSeconds ({LeaseSeconds}), or a slow heartbeat loses the lease",
                [nameof(HeartbeatSeconds), nameof(LeaseSeconds)]);
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            yield return new ValidationResult("WorkerId must not be empty", [nameof(WorkerId)]);
        }
    }
}
