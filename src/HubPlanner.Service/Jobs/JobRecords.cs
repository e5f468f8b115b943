namespace HubPlanner.Service.Jobs;

/// <summary>The states of a job. Terminal: succeeded, failed, cancelled.</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>True for a state a job never leaves.</summary>
    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled;
}

/// <summary>The job kinds of the planner; each needs an <see cref="IJobHandler"/> registered to be accepted.</summary>
public static class JobKinds
{
    public const string Plan = "plan";
    public const string Placement = "placement";
    public const string Routing = "routing";
    public const string Coverage = "coverage";
    public const string Compare = "compare";

    /// <summary>Diagnostic kind (sleeps in steps); registered only with <c>EnableDiagnosticJobs</c>.</summary>
    public const string Wait = "wait";
}

/// <summary>One row of <c>jobs</c>. Timestamps are ISO-8601 UTC text. (Init properties rather than a positional
/// record because Dapper maps a nullable SQLite column by setter reliably, by constructor only when every
/// column's runtime type matches exactly.)</summary>
public sealed record JobRecord
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public long? ScenarioId { get; init; }
    public string ParamsJson { get; init; } = "{}";
    public string Status { get; init; } = "";
    public string? ProgressJson { get; init; }
    public string? LeaseOwner { get; init; }
    public string? LeaseExpiresAt { get; init; }
    public string? HeartbeatAt { get; init; }
    public long Attempts { get; init; }
    public string CreatedAt { get; init; } = "";
    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
    public string? Error { get; init; }
    public long? ResultId { get; init; }
    public string? CancelRequestedAt { get; init; }
}

/// <summary>One row of <c>results</c> (without its GeoJSON, which is served on its own).</summary>
public sealed record ResultRecord
{
    public long Id { get; init; }
    public long? ScenarioId { get; init; }
    public long? JobId { get; init; }
    public string CreatedAt { get; init; } = "";
    public long? Seed { get; init; }
    public string ReportJson { get; init; } = "{}";
    public bool HasGeoJson { get; init; }
}

/// <summary>What a heartbeat learned about the job it renewed.</summary>
public enum LeaseState
{
    /// <summary>The lease was renewed; keep going.</summary>
    Held,

    /// <summary>The lease was renewed, and someone asked to cancel the job.</summary>
    CancelRequested,

    /// <summary>The job is no longer ours (lease expired and re-queued, or finished elsewhere): stop, write nothing.</summary>
    Lost,
}

/// <summary>How a result write ended.</summary>
public enum CompletionState
{
    /// <summary>Result and status written in one transaction.</summary>
    Succeeded,

    /// <summary>A cancel request arrived before the write: the job is cancelled and no result was written.</summary>
    Cancelled,

    /// <summary>The job was not ours any more: nothing written.</summary>
    LeaseLost,
}
