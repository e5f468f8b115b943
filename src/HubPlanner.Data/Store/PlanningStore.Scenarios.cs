using Dapper;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

public sealed partial class PlanningStore
{
    private const string ScenarioColumns = "id AS Id, name AS Name, parent_id AS ParentId, created_at AS CreatedAt, params_json AS ParamsJson";

    /// <inheritdoc />
    public Scenario? GetScenario(string name) => _db.Read(c => GetScenario(c, null, name));

    /// <inheritdoc />
    public Scenario? GetScenario(long id) => _db.Read(c => GetScenario(c, null, id));

    /// <inheritdoc />
    public IReadOnlyList<Scenario> ListScenarios() => _db.Read(c =>
        c.Query<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios ORDER BY id").Select(r => r.ToRecord()).ToList());

    /// <inheritdoc />
    public Scenario CreateScenario(string name, string parentName = BaseScenarioName, string paramsJson = "{}")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new BadInputException("A scenario needs a non-empty name.");
        }

        ArgumentNullException.ThrowIfNull(paramsJson);
        return _db.Write((connection, tx) =>
        {
            var parent = GetScenario(connection, tx, parentName) ?? throw new BadInputException($"No scenario named '{parentName}' to branch from.");
            if (GetScenario(connection, tx, name) is not null)
            {
                throw new BadInputException($"A scenario named '{name}' already exists.");
            }

            var scenario = new Scenario(0, name, parent.Id, _clock.GetUtcNow(), paramsJson);
            _ = ApplyParameters(new PlanParameters(), scenario); // refuses a parameter that is not valid, naming it
            long id = connection.ExecuteScalar<long>(
                "INSERT INTO scenarios (name, parent_id, created_at, params_json) VALUES (@name, @parentId, @at, @paramsJson) RETURNING id",
                new { name, parentId = parent.Id, at = Now(), paramsJson }, tx);
            return GetScenario(connection, tx, id)!;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredEdit> ListEdits(long scenarioId) => _db.Read(c => ListEdits(c, null, scenarioId));

    private static Scenario? GetScenario(SqliteConnection c, SqliteTransaction? tx, string name) =>
        c.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE name = @name", new { name }, tx)?.ToRecord();

    private static Scenario? GetScenario(SqliteConnection c, SqliteTransaction? tx, long id) =>
        c.QuerySingleOrDefault<ScenarioRow>($"SELECT {ScenarioColumns} FROM scenarios WHERE id = @id", new { id }, tx)?.ToRecord();

    private static List<StoredEdit> ListEdits(SqliteConnection c, SqliteTransaction? tx, long scenarioId) =>
        c.Query<(long Id, long ScenarioId, long Seq, string Kind, string PayloadJson)>(
                "SELECT id, scenario_id, seq, kind, payload_json FROM scenario_edits WHERE scenario_id = @scenarioId ORDER BY seq",
                new { scenarioId }, tx)
            .Select(r => new StoredEdit(r.Id, r.ScenarioId, (int)r.Seq, r.Kind, r.PayloadJson))
            .ToList();

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
