using HubPlanner.Core.Allocation;
using HubPlanner.Core.Coverage;
using HubPlanner.Core.Domain;
using static HubPlanner.Core.Planning.ReportText;

namespace HubPlanner.Core.Planning;

/// <summary>Coverage of the airspace and the coastal zone by the allocated sensors and effectors.</summary>
internal sealed class CoverageStage
{
    public required IReadOnlyList<BandCoverage> Bands { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    public required IReadOnlyList<HubLoss> Losses { get; init; }
    public required StageSummary Summary { get; init; }

    public static CoverageStage Run(PlanningProblem problem, IReadOnlyList<Site> open, IReadOnlyList<HubAllocation> units,
        IProgress<PlanProgress>? progress, CancellationToken ct)
    {
        var p = problem.Parameters;
        var types = problem.EquipmentTypes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var sites = open.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var assets = units.Where(u => sites.ContainsKey(u.HubId) && types.ContainsKey(u.TypeId))
            .OrderBy(u => u.HubId, StringComparer.Ordinal).ThenBy(u => u.TypeId, StringComparer.Ordinal)
            .SelectMany(u => CoverageInputs.Units(sites[u.HubId], types[u.TypeId], u.Units)).ToList();
        var points = problem.DemandPoints.Select(d => new WeightedPoint(d.Id, d.Lon, d.Lat, d.Weight)).ToList();
        var coverageProblem = CoverageInputs.Problem(assets, problem.Zones, problem.Border.IsEmpty ? null : problem.Border,
            problem.Coast.IsEmpty ? null : problem.Coast, points, p.BandsM, p.MinGapKm2);
        progress?.Report(new PlanProgress("coverage", 0, $"{assets.Count} assets, {p.BandsM.Count} altitude bands"));
        var relay = progress is null ? null : new Progress<CoverageProgress>(x =>
            progress.Report(new PlanProgress("coverage", x.Total == 0 ? 0.5 : (double)x.Done / x.Total, x.Step)));
        var report = CoverageAnalyzer.Run(coverageProblem, null, relay, ct);

        var bands = report.Bands.Select(b => new BandCoverage(
            b.TargetAltitudeM,
            b.Airspace.RegionAreaKm2,
            b.Airspace.CoveredAreaKm2,
            b.Coastal.RegionAreaKm2,
            b.Coastal.CoveredAreaKm2,
            b.Airspace.AtLeastK.Select(k => k.AreaKm2).ToList(),
            b.Coastal.Coastline?.LengthKm ?? 0,
            b.Coastal.Coastline?.CoveredKm ?? 0,
            b.Airspace.CoveredLayer ?? Geo.GeoFactory.Wgs84.CreateMultiPolygon())).ToList();
        var gaps = report.Bands.SelectMany(b => b.Airspace.Gaps.Select(g => new CoverageGap(g.Rank, b.TargetAltitudeM, g.AreaKm2, g.CentroidLon,
            g.CentroidLat, g.NearestHubId ?? "", g.NearestHubDistanceKm ?? double.NaN, g.Geometry))).ToList();
        var losses = report.Bands.SelectMany(b => open.Select(s =>
        {
            var air = b.Airspace.HubLosses.FirstOrDefault(l => l.HubId == s.Id);
            var coast = b.Coastal.HubLosses.FirstOrDefault(l => l.HubId == s.Id);
            return new HubLoss(s.Id, s.Name, b.TargetAltitudeM, air?.LostAreaKm2 ?? 0, coast?.LostAreaKm2 ?? 0,
                (air?.LostPointWeight ?? 0) + (air?.LostPriorityWeightedKm2 ?? 0));
        })).ToList();

        var top = report.Bands.MaxBy(b => b.TargetAltitudeM)!;
        progress?.Report(new PlanProgress("coverage", 1, "coverage computed"));
        return new CoverageStage
        {
            Bands = bands,
            Gaps = gaps,
            Losses = losses,
            Summary = new StageSummary("coverage", StageStatus.Optimal, null, null, null, 0,
                $"{assets.Count} assets at {report.HubIds.Count} hubs; at {Num(top.TargetAltitudeM, "0")} m: airspace {Num(top.Airspace.CoveredPercent, "0.0")} %, " +
                $"coastal zone {Num(top.Coastal.CoveredPercent, "0.0")} %" + (report.Notes.Count > 0 ? $"; {report.Notes.Count} note(s)" : "")),
        };
    }
}
