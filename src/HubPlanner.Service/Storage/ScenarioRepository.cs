using Dapper;

namespace HubPlanner.Service.Storage;

/// <summary>One row of <c>scenarios</c>.</summary>
public sealed record ScenarioRecord
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public long? ParentId { get; init; }
    public string CreatedAt { get; init; } = "";
    public string ParamsJson { get; init; } = "{}";
}

/// <summary>One row of <c>scenario_edits</c>.</summary>
public sealed record ScenarioEditRecord
{
    public long Id { get; init; }
    public long ScenarioId { get; init; }
    public long Seq { get; init; }
    public string Kind { get; init; } = "";
    public string PayloadJson { get; init; } = "";
}

/// <summary>Reads of scenarios and their what-if edits, as the API shows them (writes go through the store).</summary>
public sealed class ScenarioRepository(ServiceDatabase database)
{
    private const string Columns = "id AS Id, name AS Name, parent_id AS ParentId, created_at AS CreatedAt, params_json AS ParamsJson";

    /// <summary>All scenarios by id.</summary>
    public IReadOnlyList<ScenarioRecord> List()
    {
        using var c = database.Open();
        return c.Query<ScenarioRecord>($"SELECT {Columns} FROM scenarios ORDER BY id").AsList();
    }

    /// <summary>The scenario every other one descends from; it holds the imported data and takes no edits.</summary>
    public const string BaseName = "base";

    /// <summary>One scenario by name, or null.</summary>
    public ScenarioRecord? Find(string name)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<ScenarioRecord>($"SELECT {Columns} FROM scenarios WHERE name = @name", new { name });
    }

    /// <summary>One scenario, or null.</summary>
    public ScenarioRecord? Get(long id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<ScenarioRecord>($"SELECT {Columns} FROM scenarios WHERE id = @id", new { id });
    }

    /// <summary>The edits of a scenario in order.</summary>
    public IReadOnlyList<ScenarioEditRecord> Edits(long scenarioId)
    {
        using var c = database.Open();
        return c.Query<ScenarioEditRecord>(
            "SELECT id AS Id, scenario_id AS ScenarioId, seq AS Seq, kind AS Kind, payload_json AS PayloadJson FROM scenario_edits WHERE scenario_id = @scenarioId ORDER BY seq",
            new { scenarioId }).AsList();
    }
}
