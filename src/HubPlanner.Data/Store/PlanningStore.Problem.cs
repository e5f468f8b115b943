using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace HubPlanner.Data.Store;

public sealed partial class PlanningStore
{
    /// <summary>
    /// The immutable problem a scenario plans: the base data as a validated <see cref="PlanningProblem"/>,
    /// then, for each scenario from the root down to <paramref name="scenarioName"/>, its parameters
    /// (<c>params_json</c>: an object of parameter key → value) and its edits in sequence order.
    /// </summary>
    /// <exception cref="BadInputException">No scenario has that name.</exception>
    /// <exception cref="PlanningInputException">The data or an edit is inconsistent (every problem listed).</exception>
    public PlanningProblem LoadProblem(string scenarioName, CancellationToken cancellationToken = default) => _db.Read(connection =>
    {
        using var tx = connection.BeginTransaction(deferred: true); // scenarios, edits and base data from one snapshot
        var problem = LoadProblem(connection, tx, scenarioName, cancellationToken);
        tx.Commit();
        return problem;
    });

    /// <summary>Loads a scenario's problem inside the caller's transaction: a write validates against exactly what it will commit on top of.</summary>
    private static PlanningProblem LoadProblem(SqliteConnection connection, SqliteTransaction tx, string scenarioName, CancellationToken cancellationToken)
    {
        var chain = new List<Scenario>();
        for (var s = GetScenario(connection, tx, scenarioName) ?? throw new BadInputException($"No scenario named '{scenarioName}'.");
             s is not null;
             s = s.ParentId is { } parent ? GetScenario(connection, tx, parent) : null)
        {
            chain.Insert(0, s);
        }

        var data = LoadBase(connection, tx, cancellationToken);
        var parameters = new PlanParameters();
        foreach (var scenario in chain)
        {
            parameters = ApplyParameters(parameters, scenario);
        }

        var problem = PlanningProblem.Create(data.Sites, data.EntryPoints, data.EquipmentTypes, data.Inventory, data.DemandPoints,
            data.Zones, data.Places, data.RoadNodes, data.Roads, data.VehicleTypes, data.Fleet,
            Union(data.Border.Select(b => b.Geometry), GeoFactory.Wgs84.CreateMultiPolygon()),
            Union(data.Coast.Select(c => c.Geometry), GeoFactory.Wgs84.CreateMultiLineString()),
            parameters);
        problem = problem with { Data = problem.Data with { Control = data.Control, Threats = data.Threats, UrbanAreas = data.UrbanAreas } };
        foreach (var scenario in chain.Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            problem = ScenarioEdit.ApplyAll(problem, ListEdits(connection, tx, scenario.Id).Select(DeserializeEdit));
        }

        return problem;
    }

    /// <summary>A stored edit as the Core edit it holds.</summary>
    public static ScenarioEdit DeserializeEdit(StoredEdit stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        try
        {
            return HubPlanner.Core.Contract.EditJson.Deserialize(stored.PayloadJson)
                   ?? throw new InvalidDataException($"Edit {stored.Id} of scenario {stored.ScenarioId} is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Edit {stored.Id} (#{stored.Seq}, {stored.Kind}) of scenario {stored.ScenarioId} cannot be read: {e.Message}", e);
        }
    }

    private static PlanParameters ApplyParameters(PlanParameters parameters, Scenario scenario)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(scenario.ParamsJson) ? "{}" : scenario.ParamsJson);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new PlanningInputException([$"scenario '{scenario.Name}': parameters must be a JSON object of key → value"]);
        }

        foreach (var property in doc.RootElement.EnumerateObject())
        {
            string value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "",
                JsonValueKind.Array => string.Join(",", property.Value.EnumerateArray().Select(v => v.ToString())),
                _ => property.Value.ToString(),
            };
            parameters = parameters.With(property.Name, value);
        }

        return parameters;
    }

    private static Geometry Union(IEnumerable<Geometry> parts, Geometry empty)
    {
        var list = parts.ToList();
        if (list.Count == 0)
        {
            return empty;
        }

        var union = list.Count == 1 ? list[0] : UnaryUnionOp.Union(list);
        union.SRID = GeoFactory.Wgs84Srid;
        return union;
    }
}
