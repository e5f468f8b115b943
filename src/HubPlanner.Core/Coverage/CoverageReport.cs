using HubPlanner.Core.Domain;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Coverage;

/// <summary>The result of the coverage stage: one entry per altitude band, plus notes on assets that cover nothing.</summary>
/// <param name="HubIds">Hubs with at least one asset, sorted.</param>
/// <param name="Notes">Human sentences about what is not covered by construction (assets with no range, etc.).</param>
public sealed record CoverageReport(
    IReadOnlyList<CoverageByBand> Bands,
    IReadOnlyList<string> HubIds,
    int AssetCount,
    IReadOnlyList<CoverageNote> Notes);

/// <summary>Coverage against targets at one altitude.</summary>
public sealed record CoverageByBand(double TargetAltitudeM, DomainCoverage Airspace, DomainCoverage Coastal);

/// <summary>Coverage of one domain (airspace or coastal zone) at one altitude band. Areas are on the ellipsoid (km²).</summary>
/// <param name="AtLeastK">Area covered by at least k discs, k = 1..MaxK (k = 1 equals <paramref name="CoveredAreaKm2"/>).</param>
/// <param name="Coastline">Coastline coverage (coastal domain only; null for airspace).</param>
/// <param name="Gaps">Uncovered pieces of at least the minimum gap area, largest first.</param>
/// <param name="HubLosses">Per hub, what would no longer be covered if all its assets were lost; sorted by lost area, descending.</param>
/// <param name="CoveredLayer">Covered area as lon/lat (Multi)Polygon for GeoJSON, or null if layers were not requested.</param>
public sealed record DomainCoverage(
    CoverageDomain Domain,
    double RegionAreaKm2,
    double CoveredAreaKm2,
    double CoveredPercent,
    IReadOnlyList<KCoverage> AtLeastK,
    CoastlineCoverage? Coastline,
    IReadOnlyList<UncoveredArea> Gaps,
    double UncoveredAreaKm2,
    IReadOnlyList<LossIfHubLost> HubLosses,
    DemandCoverage Demand,
    int FaceCount,
    Geometry? CoveredLayer);

/// <summary>
/// Area covered by at least <paramref name="K"/> discs (assets, not hubs: two radars at one hub count twice; the
/// loss of a whole hub is what <see cref="LossIfHubLost"/> measures).
/// </summary>
public sealed record KCoverage(int K, double AreaKm2, double Percent);

/// <summary>Geodesic length of coastline and how much of it lies within some coastal disc.</summary>
public sealed record CoastlineCoverage(double LengthKm, double CoveredKm, double Percent);

/// <summary>An uncovered piece of the domain (a gap).</summary>
/// <param name="Rank">1 for the largest gap of its band and domain, then 2, 3, …</param>
/// <param name="Geometry">The gap, lon/lat polygon (GeoJSON-ready).</param>
/// <param name="NearestHubId">The hub whose assets are closest to the gap's centroid (null if no hub exists).</param>
/// <param name="NearestHubDistanceKm">Geodesic distance from the centroid to that hub (null if no hub exists).</param>
/// <param name="Explanation">A sentence for the report.</param>
public sealed record UncoveredArea(
    int Rank,
    double AreaKm2,
    double CentroidLon,
    double CentroidLat,
    string? NearestHubId,
    double? NearestHubDistanceKm,
    Polygon Geometry,
    string Explanation);

/// <summary>What is covered only by one hub, hence lost with it.</summary>
/// <param name="LostPriorityWeightedKm2">Σ over priority zones of weight × lost km² inside the zone.</param>
/// <param name="LostPointWeight">Σ weight of demand points covered only by this hub.</param>
public sealed record LossIfHubLost(
    string HubId,
    double LostAreaKm2,
    double LostPercent,
    double LostPriorityWeightedKm2,
    double LostPointWeight,
    string Explanation);

/// <summary>Weighted demand covered: priority-zone weight × km², and point weights.</summary>
public sealed record DemandCoverage(
    double PriorityWeightedKm2Total,
    double PriorityWeightedKm2Covered,
    double PointWeightTotal,
    double PointWeightCovered,
    IReadOnlyList<string> UncoveredPointIds);

/// <summary>A remark about an input that contributes nothing, with a sentence saying why.</summary>
public sealed record CoverageNote(string Subject, string Sentence);
