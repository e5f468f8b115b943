using System.Text.Json;
using Dapper;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

/// <summary>Plan results: the report as JSON in <c>results</c> and its map layers in the <c>plan_*</c> feature tables.</summary>
public sealed partial class PlanningStore
{
    /// <summary>JSON options for <see cref="PlanResult"/>: the product's one contract (snake_case, geometries as GeoJSON).</summary>
    public static JsonSerializerOptions PlanJsonOptions => HubPlanner.Core.Contract.ContractJson.Options;

    /// <summary>Serialises a plan result (the stored report).</summary>
    public static string PlanToJson(PlanResult result) => JsonSerializer.Serialize(result, PlanJsonOptions);

    /// <summary>Reads a stored report back.</summary>
    public static PlanResult PlanFromJson(string json) =>
        HubPlanner.Core.Contract.PlanReportJson.Deserialize(json) ?? throw new InvalidDataException("empty plan report");

    /// <inheritdoc />
    public long SavePlan(long scenarioId, PlanResult result, string? geoJson = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return _db.Write((connection, tx) => InsertPlan(connection, tx, scenarioId, result, null, geoJson, Now()));
    }

    /// <inheritdoc />
    public long SaveResult(long scenarioId, long? seed, string reportJson)
    {
        ArgumentNullException.ThrowIfNull(reportJson);
        return _db.Write((connection, tx) => InsertResult(connection, tx, scenarioId, null, seed, reportJson, null, Now()));
    }

    /// <inheritdoc />
    public StoredResult? GetResult(long id) => _db.Read(c =>
        c.Query<(long Id, long ScenarioId, long? JobId, string CreatedAt, long? Seed, string ReportJson, long HasGeoJson)>(
                "SELECT id, scenario_id, job_id, created_at, seed, report_json, geojson IS NOT NULL FROM results WHERE id = @id", new { id })
            .Select(r => new StoredResult(r.Id, r.ScenarioId, r.JobId, ParseTime(r.CreatedAt), r.Seed, r.ReportJson, r.HasGeoJson != 0))
            .SingleOrDefault());

    /// <inheritdoc />
    public StoredResult? LatestResult(long scenarioId)
    {
        long? id = _db.Read(c => c.ExecuteScalar<long?>("SELECT MAX(id) FROM results WHERE scenario_id = @scenarioId", new { scenarioId }));
        return id is null ? null : GetResult(id.Value);
    }

    /// <inheritdoc />
    public string? GetResultGeoJson(long id) =>
        _db.Read(c => c.QuerySingleOrDefault<string?>("SELECT geojson FROM results WHERE id = @id", new { id }));

    /// <inheritdoc />
    public long CountResultsOfJob(long jobId) =>
        _db.Read(c => c.ExecuteScalar<long>("SELECT COUNT(*) FROM results WHERE job_id = @jobId", new { jobId }));

    /// <summary>Stores a plan result and its layers inside the caller's transaction (a job completes in the same one).</summary>
    private static long InsertPlan(SqliteConnection connection, SqliteTransaction tx, long scenarioId, PlanResult result, long? jobId,
        string? geoJson, string now)
    {
        long id = InsertResult(connection, tx, scenarioId, jobId, result.Seed, PlanToJson(result), geoJson, now);
        foreach (var h in result.Hubs)
        {
            connection.Execute(
                "INSERT INTO plan_hubs (geom, result_id, scenario, site_id, name, kind, reason, demand_points, equipment_t, equipment) " +
                "VALUES (@geom, @id, @scenario, @site, @name, @kind, @reason, @dp, @t, @equipment)",
                new
                {
                    geom = GpkgGeometry.Write(GeoFactory.Point(h.Lon, h.Lat)), id, scenario = result.Scenario, site = h.SiteId, name = h.Name,
                    kind = h.Kind, reason = h.Reason, dp = h.DemandPointsServed, t = h.EquipmentWeightT,
                    equipment = string.Join(", ", h.Equipment.Select(e => $"{e.Quantity}x {e.EquipmentTypeId}")),
                }, tx);
        }

        foreach (var a in result.Assignments)
        {
            connection.Execute(
                "INSERT INTO plan_assignments (geom, result_id, scenario, demand_id, demand_name, hub, km, minutes) " +
                "VALUES (@geom, @id, @scenario, @demand, @name, @hub, @km, @minutes)",
                new { geom = GpkgGeometry.Write(a.Geometry), id, scenario = result.Scenario, demand = a.DemandId, name = a.DemandName, hub = a.SiteId, km = a.Km, minutes = a.Minutes },
                tx);
        }

        foreach (var r in result.Routes)
        {
            connection.Execute(
                "INSERT INTO plan_routes (geom, result_id, scenario, vehicle, vehicle_type, depot, stops, km, hours, cost) " +
                "VALUES (@geom, @id, @scenario, @vehicle, @type, @depot, @stops, @km, @hours, @cost)",
                new
                {
                    geom = GpkgGeometry.Write(r.Geometry), id, scenario = result.Scenario, vehicle = r.VehicleId, type = r.VehicleTypeId, depot = r.DepotId,
                    stops = string.Join(" > ", r.Stops.Select(s => s.LocationName)), km = r.Km, hours = r.Hours, cost = r.Cost,
                }, tx);
        }

        foreach (var b in result.Coverage.Where(b => !b.Covered.IsEmpty))
        {
            connection.Execute(
                "INSERT INTO plan_coverage (geom, result_id, scenario, target_altitude_m, airspace_pct, coastal_pct, covered_km2) " +
                "VALUES (@geom, @id, @scenario, @alt, @air, @coast, @km2)",
                new { geom = GpkgGeometry.Write(b.Covered), id, scenario = result.Scenario, alt = b.TargetAltitudeM, air = b.AirspacePct, coast = b.CoastalPct, km2 = b.AirspaceCoveredKm2 },
                tx);
        }

        foreach (var g in result.Gaps)
        {
            connection.Execute(
                "INSERT INTO plan_gaps (geom, result_id, scenario, target_altitude_m, rank, area_km2, nearest_hub, nearest_hub_km) " +
                "VALUES (@geom, @id, @scenario, @alt, @rank, @area, @hub, @km)",
                new
                {
                    geom = GpkgGeometry.Write(g.Geometry), id, scenario = result.Scenario, alt = g.TargetAltitudeM, rank = g.Rank, area = g.AreaKm2,
                    hub = g.NearestHubId, km = double.IsFinite(g.NearestHubKm) ? g.NearestHubKm : (double?)null,
                }, tx);
        }

        foreach (var (table, _) in Schema.PlanLayerTables)
        {
            DatasetWriter.UpdateExtent(connection, tx, table, now);
        }

        return id;
    }

    /// <inheritdoc />
    public PlanResult? LatestPlan(string scenarioName)
    {
        var scenario = GetScenario(scenarioName) ?? throw new Input.BadInputException($"no scenario named '{scenarioName}'");
        var stored = LatestResult(scenario.Id);
        return stored is null ? null : PlanFromJson(stored.ReportJson);
    }
}
