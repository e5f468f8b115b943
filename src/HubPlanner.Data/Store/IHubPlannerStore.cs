using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Import;

namespace HubPlanner.Data.Store;

// The storage seam. Hosts (CLI, service, sweep workers) see these interfaces only; the SQLite/GeoPackage file
// (PlanningStore) is the embedded implementation and a PostgreSQL/PostGIS one can implement the same contract
// (tests/HubPlanner.Data.Tests/Store/StoreContractTests.cs runs against each). No signature names a database type.
// Every write validates inside the transaction that writes it, so no race can store what validation refuses.

/// <summary>The imported base data: load it, replace it, import into it, count it.</summary>
public interface IPlanningDataStore
{
    /// <summary>Where the data lives, for messages (a file path for SQLite).</summary>
    string Location { get; }

    /// <summary>The schema steps applied so far, in order.</summary>
    IReadOnlyList<AppliedMigration> AppliedMigrations();

    /// <summary>Row counts of every data table, in display order.</summary>
    IReadOnlyList<(string Table, long Rows)> CountRows();

    /// <summary>Every base table as Core records, each list in id order, from one consistent snapshot.</summary>
    PlanningDataset LoadBase(CancellationToken cancellationToken = default);

    /// <summary>The validated problem a scenario plans: base data, then parameters and edits from the root scenario down.</summary>
    /// <exception cref="Input.BadInputException">No scenario has that name.</exception>
    /// <exception cref="PlanningInputException">The data or an edit is inconsistent.</exception>
    PlanningProblem LoadProblem(string scenarioName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the base data equal to <paramref name="data"/> in one transaction (scenarios, jobs and results kept),
    /// unless the last load from <paramref name="source"/> had the same <paramref name="sha256"/>; false then.
    /// </summary>
    bool ReplaceBaseData(PlanningDataset data, string source, string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces rows read by <paramref name="read"/>, which gets the ids already stored (read in the
    /// writing transaction) and throws to refuse; nothing is written then. Returns what was written.
    /// </summary>
    PlanningDataset Import(Func<KnownIds, PlanningDataset> read, bool withRoadNodes, CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole road network in one transaction, after checking every edge's nodes are among <paramref name="nodes"/>.</summary>
    (int Nodes, int Edges) ReplaceRoadNetwork(IReadOnlyList<RoadNode> nodes, IReadOnlyList<RoadEdge> edges, CancellationToken cancellationToken = default);
}

/// <summary>Scenarios (base and what-if branches) and their edits.</summary>
public interface IScenarioStore
{
    /// <summary>The scenario of that name, or null.</summary>
    Scenario? GetScenario(string name);

    /// <summary>The scenario with that id, or null.</summary>
    Scenario? GetScenario(long id);

    /// <summary>All scenarios in creation order (<c>base</c> first).</summary>
    IReadOnlyList<Scenario> ListScenarios();

    /// <summary>Creates a what-if scenario branching from <paramref name="parentName"/>; the parameters are
    /// checked in the writing transaction.</summary>
    /// <exception cref="Input.BadInputException">The name is taken or empty, the parent does not exist.</exception>
    /// <exception cref="PlanningInputException">A parameter is not valid.</exception>
    Scenario CreateScenario(string name, string parentName = Scenario.BaseName, string paramsJson = "{}");

    /// <summary>
    /// Appends edits to a what-if scenario after applying them, in the writing transaction, to the scenario's
    /// problem as it stands; all are stored or none.
    /// </summary>
    /// <exception cref="Input.BadInputException">No such scenario, or it is <c>base</c>.</exception>
    /// <exception cref="PlanningInputException">An edit does not apply (named in the message), or the scenario no longer loads.</exception>
    IReadOnlyList<StoredEdit> ApplyEdits(string scenarioName, IReadOnlyList<ScenarioEdit> edits, CancellationToken cancellationToken = default);

    /// <summary>Removes a what-if scenario's edit <paramref name="seq"/> (its last when null), re-validating the rest in the
    /// same transaction: refused, naming the edit that would break, when the scenario loads now and would not after.</summary>
    /// <exception cref="PlanningInputException">A remaining edit depends on the removed one (named, with the reason).</exception>
    EditRemoval RemoveEdit(string scenarioName, int? seq = null, CancellationToken cancellationToken = default);

    /// <summary>A scenario's own edits in sequence order (not its ancestors').</summary>
    IReadOnlyList<StoredEdit> ListEdits(long scenarioId);
}

/// <summary>Plan results: the report, its map layers and its GeoJSON.</summary>
public interface IPlanStore
{
    /// <summary>Stores a plan result, its map layers and (when given) its GeoJSON in one transaction; returns the result id.</summary>
    long SavePlan(long scenarioId, PlanResult result, string? geoJson = null);

    /// <summary>Stores a report that is not a plan (e.g. a comparison); returns its id.</summary>
    long SaveResult(long scenarioId, long? seed, string reportJson);

    /// <summary>The result with that id, or null.</summary>
    StoredResult? GetResult(long id);

    /// <summary>The newest result of a scenario, or null.</summary>
    StoredResult? LatestResult(long scenarioId);

    /// <summary>The newest plan of a scenario, or null if it was never planned.</summary>
    /// <exception cref="Input.BadInputException">No scenario has that name.</exception>
    PlanResult? LatestPlan(string scenarioName);

    /// <summary>The GeoJSON stored with a result, or null.</summary>
    string? GetResultGeoJson(long id);

    /// <summary>The number of results written for a job (0 or 1 by construction).</summary>
    long CountResultsOfJob(long jobId);
}

/// <summary>
/// The durable job queue. Every change a worker makes is guarded by its lease (owner and status running), so a
/// worker that lost its lease (paused, partitioned, presumed dead) can never overwrite the state or add a
/// second result.
/// </summary>
public interface IJobStore
{
    /// <summary>Adds a queued job and returns its id.</summary>
    /// <exception cref="Input.BadInputException">The scenario does not exist.</exception>
    long Submit(string kind, long? scenarioId, string paramsJson, DateTimeOffset now);

    /// <summary>One job, or null.</summary>
    Job? GetJob(long id);

    /// <summary>The newest jobs first, optionally of one status.</summary>
    IReadOnlyList<Job> ListJobs(JobStatus? status, int limit);

    /// <summary>Atomically takes the oldest queued job for <paramref name="owner"/>, or returns null.</summary>
    Job? TryClaim(string owner, DateTimeOffset now, TimeSpan lease);

    /// <summary>Renews the lease and stores progress (when not null); says whether the job is still ours and
    /// whether a cancel was requested.</summary>
    LeaseState Heartbeat(long id, string owner, DateTimeOffset now, TimeSpan lease, string? progressJson);

    /// <summary>Writes the outcome (a plan with its layers) and marks the job succeeded in one transaction, unless
    /// it was cancelled or is no longer ours; stores the last progress too when not null.</summary>
    CompletionState Complete(long id, string owner, DateTimeOffset now, JobOutcome outcome, string? progressJson = null);

    /// <summary>Ends a job we own as failed or cancelled (no result). False when it was not ours.</summary>
    bool Finish(long id, string owner, DateTimeOffset now, JobStatus status, string? error, string? progressJson = null);

    /// <summary>Gives a job we own back to the queue (graceful shutdown); the attempt does not count.</summary>
    bool Release(long id, string owner);

    /// <summary>Re-queues running jobs whose lease expired; cancels those asked to cancel and fails those that
    /// lost their worker <paramref name="maxAttempts"/> times. Returns the number of jobs changed.</summary>
    int RecoverExpired(DateTimeOffset now, int maxAttempts);

    /// <summary>Cancels a queued job at once, or flags a running one for its worker. Null if no such job.</summary>
    Job? RequestCancel(long id, DateTimeOffset now);
}

/// <summary>API tokens, stored as SHA-256 only.</summary>
public interface ITokenStore
{
    /// <summary>Creates a token and returns it (the only time it is visible); null if the name is taken
    /// (revoked names stay taken).</summary>
    /// <exception cref="ArgumentException">The name is not valid (<see cref="ApiTokens.IsValidName"/>).</exception>
    string? CreateToken(string name, DateTimeOffset now);

    /// <summary>Revokes a token by name; false when there is no active token of that name.</summary>
    bool RevokeToken(string name, DateTimeOffset now);

    /// <summary>The name of the active token equal to <paramref name="presented"/>, or null.</summary>
    string? VerifyToken(string presented);
}

/// <summary>Everything the planner stores, behind one object: what hosts register and pass around.</summary>
public interface IHubPlannerStore : IPlanningDataStore, IScenarioStore, IPlanStore, IJobStore, ITokenStore;
