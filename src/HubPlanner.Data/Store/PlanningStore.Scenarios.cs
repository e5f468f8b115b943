using Dapper;
using HubPlanner.Data.Input;

namespace HubPlanner.Data.Store;

public sealed partial class PlanningStore
{
    private const string ScenarioColumns = "id AS Id, name AS Name, parent_id AS ParentId, created_at AS CreatedAt, params_json AS ParamsJson";

    /// <summary>The scenario of that name, or null.</summary>
    public Scenario? GetScenario(string name)
    {
        using var connection = Connect();
        return connection.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE name = @name", new { name })?.ToRecord();
    }

    /// <summary>The scenario with that id, or null.</summary>
    public Scenario? GetScenario(long id)
    {
        using var connection = Connect();
        return connection.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE id = @id", new { id })?.ToRecord();
    }

    /// <summary>All scenarios in creation order (<c>base</c> first).</summary>
    public IReadOnlyList<Scenario> ListScenarios()
    {
        using var connection = Connect();
        return connection.Query<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios ORDER BY id").Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Creates a what-if scenario branching from <paramref name="parentName"/>.</summary>
    /// <exception cref="BadInputException">The name is taken or empty, or the parent does not exist.</exception>
    public Scenario CreateScenario(string name, string parentName = BaseScenarioName, string paramsJson = "{}")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new BadInputException("A scenario needs a non-empty name.");
        }

        using var connection = Connect();
        using var tx = connection.BeginTransaction();
        long? parentId = connection.ExecuteScalar<long?>("SELECT id FROM scenarios WHERE name = @parentName", new { parentName }, tx)
            ?? throw new BadInputException($"No scenario named '{parentName}' to branch from.");
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM scenarios WHERE name = @name", new { name }, tx) > 0)
        {
            throw new BadInputException($"A scenario named '{name}' already exists.");
        }

        long id = connection.ExecuteScalar<long>(
            "INSERT INTO scenarios (name, parent_id, created_at, params_json) VALUES (@name, @parentId, @at, @paramsJson) RETURNING id",
            new { name, parentId, at = Now(), paramsJson }, tx);
        tx.Commit();
        return GetScenario(id)!;
    }

    /// <summary>Appends an edit to a scenario (next sequence number). The base scenario takes no edits.</summary>
    /// <exception cref="BadInputException">The scenario does not exist or is <c>base</c>.</exception>
    public StoredEdit AddEdit(long scenarioId, string kind, string payloadJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(payloadJson);
        using var connection = Connect();
        using var tx = connection.BeginTransaction(deferred: false);
        string? name = connection.ExecuteScalar<string?>("SELECT name FROM scenarios WHERE id = @scenarioId", new { scenarioId }, tx)
            ?? throw new BadInputException($"No scenario with id {scenarioId}.");
        if (name == BaseScenarioName)
        {
            throw new BadInputException("The base scenario holds the imported data and takes no edits; create a what-if scenario instead.");
        }

        long id = connection.ExecuteScalar<long>(
            "INSERT INTO scenario_edits (scenario_id, seq, kind, payload_json) " +
            "VALUES (@scenarioId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM scenario_edits WHERE scenario_id = @scenarioId), @kind, @payloadJson) RETURNING id",
            new { scenarioId, kind, payloadJson }, tx);
        tx.Commit();
        return ListEdits(scenarioId).Single(e => e.Id == id);
    }

    /// <summary>A scenario's own edits in sequence order (not its ancestors').</summary>
    public IReadOnlyList<StoredEdit> ListEdits(long scenarioId)
    {
        using var connection = Connect();
        return connection.Query<(long Id, long ScenarioId, long Seq, string Kind, string PayloadJson)>(
                "SELECT id, scenario_id, seq, kind, payload_json FROM scenario_edits WHERE scenario_id = @scenarioId ORDER BY seq",
                new { scenarioId })
            .Select(r => new StoredEdit(r.Id, r.ScenarioId, (int)r.Seq, r.Kind, r.PayloadJson))
            .ToList();
    }

    private sealed class ScenarioRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = "";

        public long? ParentId { get; set; }

        public string CreatedAt { get; set; } = "";

        public string ParamsJson { get; set; } = "{}";

        public Scenario ToRecord() => new(Id, Name, ParentId, ParseTime(CreatedAt), ParamsJson);
    }
}
