using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Roads;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Planning;

/// <summary>Snapped points and the site × demand matrix every later stage needs, over one travel-cost provider.</summary>
internal sealed class RoadStage
{
    public required ITravelCostProvider Travel { get; init; }
    public required VehicleType? Heaviest { get; init; }
    public required IReadOnlyList<Site> Sites { get; init; }
    public required IReadOnlyList<DemandPoint> Demand { get; init; }
    public required TravelMatrix SiteToDemand { get; init; }
    public required IReadOnlyDictionary<string, string> UnreachableSites { get; init; }
    public required IReadOnlyDictionary<string, string> UnreachableDemand { get; init; }

    public static RoadStage Build(PlanningProblem problem, ITravelCostProvider travel, CancellationToken ct)
    {
        var heaviest = problem.VehicleTypes.OrderByDescending(v => v.GrossWeightT).FirstOrDefault();
        var sites = problem.EligibleSites.ToList();
        var sitePoints = sites.Select(s => new GeoPoint(s.Id, s.Name, s.Lon, s.Lat)).ToList();
        var demandPoints = problem.DemandPoints.Select(d => new GeoPoint(d.Id, d.Name, d.Lon, d.Lat)).ToList();
        var matrix = travel.Compute(sitePoints, demandPoints, null, ct);

        // A site is unreachable when it reaches no demand point at all; a demand point when no site reaches it.
        var unreachableSites = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < sitePoints.Count; i++)
        {
            if (demandPoints.Count > 0 && Enumerable.Range(0, demandPoints.Count).All(j => !matrix.IsReachable(i, j)))
            {
                var why = matrix.Unreachable.FirstOrDefault(u => u.FromId == sitePoints[i].Id)?.Reason ?? "no road connects it to any demand point";
                unreachableSites[sitePoints[i].Id] = $"not reachable by road: {why}";
            }
        }

        var unreachableDemand = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int j = 0; j < demandPoints.Count; j++)
        {
            if (Enumerable.Range(0, sitePoints.Count).All(i => !matrix.IsReachable(i, j) || unreachableSites.ContainsKey(sitePoints[i].Id)))
            {
                var why = matrix.Unreachable.FirstOrDefault(u => u.ToId == demandPoints[j].Id)?.Reason ?? "no road from any site";
                unreachableDemand[demandPoints[j].Id] = $"not reachable by road: {why}";
            }
        }

        return new RoadStage
        {
            Travel = travel,
            Heaviest = heaviest,
            Sites = sites,
            Demand = problem.DemandPoints,
            SiteToDemand = matrix,
            UnreachableSites = unreachableSites,
            UnreachableDemand = unreachableDemand,
        };
    }

    /// <summary>The route between two points for the heaviest vehicle (legal for every vehicle), or a straight line.</summary>
    public (LineString Geometry, double Km, double Minutes) Route(GeoPoint from, GeoPoint to, CancellationToken ct)
    {
        var r = Travel.Route(from, to, Heaviest, ct);
        if (r.Route is { } route)
        {
            return (route.Geometry, route.DistanceKm, route.TimeMin);
        }

        var line = GeoFactory.Wgs84.CreateLineString([new Coordinate(from.Lon, from.Lat), new Coordinate(to.Lon, to.Lat)]);
        return (line, double.NaN, double.NaN);
    }
}
