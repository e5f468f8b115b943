using System.Text.Json;
using HubPlanner.Core.Coverage;
using HubPlanner.Core.Domain;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// Job kind <c>coverage</c>: how much of the scenario's airspace and coastal zone a given deployment covers,
/// per altitude band (the scenario's <c>bands_m</c>), with k-redundancy, gaps and the loss if a hub is lost.
/// Parameters: <c>{"deployment": [{"site": "vin-rail", "equipment": "radar-air", "quantity": 1}, …]}</c>.
/// The report is JSON; the GeoJSON holds the hubs, the gaps and the covered area per band and domain.
/// </summary>
public sealed class CoverageJobHandler(IHubPlannerStore store) : IJobHandler
{
    private const int MaxDeployment = 1000;

    private static readonly JsonSerializerOptions ReportJson = HubPlanner.Core.Contract.ContractJson.Options;

    private static readonly JsonSerializerOptions GeoJson = CreateGeoJsonOptions();

    /// <inheritdoc />
    public string Kind => JobKinds.Coverage;

    /// <inheritdoc />
    public IReadOnlyList<FieldError> Validate(JsonElement parameters, long? scenarioId)
    {
        var errors = new List<FieldError>();
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("deployment", out var deployment) || deployment.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("params.deployment", "is required: an array of {\"site\": ID, \"equipment\": ID, \"quantity\": N}"));
            return errors;
        }

        if (deployment.GetArrayLength() is 0 or > MaxDeployment)
        {
            errors.Add(new FieldError("params.deployment", $"must hold 1 to {MaxDeployment} entries"));
        }

        var i = 0;
        foreach (var entry in deployment.EnumerateArray())
        {
            var at = $"params.deployment[{i++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(at, "must be an object {\"site\": ID, \"equipment\": ID, \"quantity\": N}"));
                continue;
            }

            foreach (var name in new[] { "site", "equipment" })
            {
                if (!entry.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
                {
                    errors.Add(new FieldError($"{at}.{name}", "is required: an id (text)"));
                }
            }

            if (!entry.TryGetProperty("quantity", out var q) || !q.TryGetInt32(out var n) || n is < 1 or > 1000)
            {
                errors.Add(new FieldError($"{at}.quantity", "is required: an integer from 1 to 1000"));
            }
        }

        return errors;
    }

    /// <inheritdoc />
    public Task<JobOutcome> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The stage is CPU-bound and synchronous: run it off the worker loop's continuation.
        return Task.Run(() => Run(context, cancellationToken), cancellationToken);
    }

    private JobOutcome Run(JobContext context, CancellationToken cancellationToken)
    {
        var scenario = context.ScenarioId is { } id ? store.GetScenario(id) : null;
        if (scenario is null)
        {
            throw new JobFailedException($"scenario {context.ScenarioId} does not exist");
        }

        context.Progress.Report(new JobProgress("load", 0, $"loading scenario '{scenario.Name}'"));
        Core.Planning.PlanningProblem problem;
        try
        {
            problem = store.LoadProblem(scenario.Name, cancellationToken);
        }
        catch (Exception ex) when (ex is Core.Planning.PlanningInputException or BadInputException)
        {
            throw new JobFailedException($"scenario '{scenario.Name}' does not load: {ex.Message}", ex);
        }

        var assets = new List<CoverageAsset>();
        var problems = new List<string>();
        foreach (var entry in context.Parameters.GetProperty("deployment").EnumerateArray())
        {
            var siteId = entry.GetProperty("site").GetString()!;
            var typeId = entry.GetProperty("equipment").GetString()!;
            var site = problem.FindSite(siteId);
            var type = problem.EquipmentTypes.FirstOrDefault(t => t.Id == typeId);
            if (site is null)
            {
                problems.Add($"site '{siteId}' is not in scenario '{scenario.Name}'");
            }

            if (type is null)
            {
                problems.Add($"equipment type '{typeId}' is unknown; known: {string.Join(", ", problem.EquipmentTypes.Select(t => t.Id))}");
            }

            if (site is not null && type is not null)
            {
                assets.AddRange(CoverageInputs.Units(site, type, entry.GetProperty("quantity").GetInt32()));
            }
        }

        if (problems.Count > 0)
        {
            throw new JobFailedException(string.Join("; ", problems));
        }

        var points = problem.DemandPoints.Select(d => new WeightedPoint(d.Id, d.Lon, d.Lat, d.Weight)).ToArray();
        var coverageProblem = CoverageInputs.Problem(assets, problem.Zones, problem.Border, problem.Coast, points,
            problem.Parameters.BandsM, problem.Parameters.MinGapKm2);
        var progress = new Progress(context.Progress);
        var report = CoverageAnalyzer.Run(coverageProblem, CoverageOptions.Default, progress, cancellationToken);
        return new JobOutcome(ReportOf(scenario.Name, report), GeoJsonOf(problem, assets, report), Seed: null);
    }

    private static string ReportOf(string scenario, CoverageReport report) => JsonSerializer.Serialize(new
    {
        kind = JobKinds.Coverage,
        scenario,
        hubs = report.HubIds,
        asset_count = report.AssetCount,
        notes = report.Notes.Select(n => n.Sentence),
        bands = report.Bands.Select(b => new
        {
            target_altitude_m = b.TargetAltitudeM,
            airspace = Domain(b.Airspace),
            coastal = Domain(b.Coastal),
        }),
    }, ReportJson);

    private static object Domain(DomainCoverage d) => new
    {
        region_area_km2 = d.RegionAreaKm2,
        covered_area_km2 = d.CoveredAreaKm2,
        covered_percent = d.CoveredPercent,
        at_least_k = d.AtLeastK.Select(k => new { k = k.K, area_km2 = k.AreaKm2, percent = k.Percent }),
        coastline = d.Coastline is null ? null : new { length_km = d.Coastline.LengthKm, covered_km = d.Coastline.CoveredKm, percent = d.Coastline.Percent },
        gaps = d.Gaps.Select(g => new { rank = g.Rank, area_km2 = g.AreaKm2, centroid = new[] { g.CentroidLon, g.CentroidLat }, nearest_hub = g.NearestHubId, explanation = g.Explanation }),
        hub_losses = d.HubLosses.Select(l => new { hub = l.HubId, lost_area_km2 = l.LostAreaKm2, lost_percent = l.LostPercent, explanation = l.Explanation }),
        demand = new { point_weight_total = d.Demand.PointWeightTotal, point_weight_covered = d.Demand.PointWeightCovered, uncovered_points = d.Demand.UncoveredPointIds },
    };

    private static string GeoJsonOf(Core.Planning.PlanningProblem problem, IReadOnlyList<CoverageAsset> assets, CoverageReport report)
    {
        var features = new FeatureCollection();
        var gf = Core.Geo.GeoFactory.Wgs84;
        foreach (var hub in assets.GroupBy(a => a.HubId))
        {
            var site = problem.FindSite(hub.Key)!;
            features.Add(new Feature(gf.CreatePoint(new NetTopologySuite.Geometries.Coordinate(site.Lon, site.Lat)), new AttributesTable
            {
                { "layer", "hub" }, { "id", site.Id }, { "name", site.Name }, { "assets", hub.Count() },
            }));
        }

        foreach (var band in report.Bands)
        {
            foreach (var d in new[] { band.Airspace, band.Coastal })
            {
                var domain = d.Domain.ToString().ToLowerInvariant();
                if (d.CoveredLayer is { IsEmpty: false } covered)
                {
                    features.Add(new Feature(covered, new AttributesTable
                    {
                        { "layer", "covered" }, { "domain", domain }, { "target_altitude_m", band.TargetAltitudeM }, { "covered_percent", d.CoveredPercent },
                    }));
                }

                foreach (var gap in d.Gaps)
                {
                    features.Add(new Feature(gap.Geometry, new AttributesTable
                    {
                        { "layer", "gap" }, { "domain", domain }, { "target_altitude_m", band.TargetAltitudeM }, { "rank", gap.Rank },
                        { "area_km2", gap.AreaKm2 }, { "explanation", gap.Explanation },
                    }));
                }
            }
        }

        return JsonSerializer.Serialize(features, GeoJson);
    }

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var o = new JsonSerializerOptions();
        o.Converters.Add(new GeoJsonConverterFactory());
        return o;
    }

    private sealed class Progress(IProgress<JobProgress> target) : IProgress<CoverageProgress>
    {
        public void Report(CoverageProgress value) =>
            target.Report(new JobProgress("coverage", value.Total == 0 ? 0 : (double)value.Done / value.Total, value.Step));
    }
}
