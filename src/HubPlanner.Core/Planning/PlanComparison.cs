namespace HubPlanner.Core.Planning;

/// <summary>Coverage of one band in two plans.</summary>
public sealed record BandDelta(double TargetAltitudeM, double AirspacePctA, double AirspacePctB, double AirspaceKm2Change,
    double CoastalPctA, double CoastalPctB, double CoastalKm2Change);

/// <summary>What changed between two plans A and B.</summary>
/// <param name="RoutesChanged">Vehicle routes of B whose depot, vehicle type and stop sequence do not occur in A.</param>
/// <param name="NoSolutionA">Stages of A that had work and produced nothing (routing that delivered no order): what
/// depends on them is not compared.</param>
/// <param name="NoSolutionB">The same for B.</param>
public sealed record PlanComparison(
    string ScenarioA,
    string ScenarioB,
    IReadOnlyList<string> HubsAdded,
    IReadOnlyList<string> HubsRemoved,
    IReadOnlyList<string> HubsKept,
    IReadOnlyList<BandDelta> Coverage,
    int VehiclesA,
    int VehiclesB,
    double RouteKmA,
    double RouteKmB,
    double RouteHoursA,
    double RouteHoursB,
    double RouteCostA,
    double RouteCostB,
    int UnservedA,
    int UnservedB,
    int RoutesChanged,
    double SolveSecondsA,
    double SolveSecondsB,
    IReadOnlyList<string> NoSolutionA,
    IReadOnlyList<string> NoSolutionB)
{
    /// <summary>False when either plan's routing produced nothing: the route figures then compare a plan with no
    /// routes, and say nothing about the change.</summary>
    public bool RoutesComparable => !NoSolutionA.Contains("routing") && !NoSolutionB.Contains("routing");

    /// <summary>Compares plan <paramref name="a"/> with plan <paramref name="b"/>.</summary>
    public static PlanComparison Compare(PlanResult a, PlanResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var hubsA = a.Hubs.Select(h => h.SiteId).ToHashSet(StringComparer.Ordinal);
        var hubsB = b.Hubs.Select(h => h.SiteId).ToHashSet(StringComparer.Ordinal);
        var bands = a.Coverage.Select(x => x.TargetAltitudeM).Union(b.Coverage.Select(x => x.TargetAltitudeM)).Order().Select(alt =>
        {
            var x = a.Coverage.FirstOrDefault(c => c.TargetAltitudeM == alt);
            var y = b.Coverage.FirstOrDefault(c => c.TargetAltitudeM == alt);
            return new BandDelta(alt, x?.AirspacePct ?? 0, y?.AirspacePct ?? 0, (y?.AirspaceCoveredKm2 ?? 0) - (x?.AirspaceCoveredKm2 ?? 0),
                x?.CoastalPct ?? 0, y?.CoastalPct ?? 0, (y?.CoastalCoveredKm2 ?? 0) - (x?.CoastalCoveredKm2 ?? 0));
        }).ToList();
        static string Signature(PlanRoute r) => $"{r.DepotId}|{r.VehicleTypeId}|{string.Join(">", r.Stops.Select(s => $"{s.Action}:{s.LocationId}"))}";
        var routesA = a.Routes.Select(Signature).ToHashSet(StringComparer.Ordinal);
        return new PlanComparison(
            a.Scenario,
            b.Scenario,
            b.Hubs.Where(h => !hubsA.Contains(h.SiteId)).Select(h => h.SiteId).ToList(),
            a.Hubs.Where(h => !hubsB.Contains(h.SiteId)).Select(h => h.SiteId).ToList(),
            a.Hubs.Where(h => hubsB.Contains(h.SiteId)).Select(h => h.SiteId).ToList(),
            bands,
            a.Routes.Count,
            b.Routes.Count,
            a.RouteKm,
            b.RouteKm,
            a.RouteHours,
            b.RouteHours,
            a.RouteCost,
            b.RouteCost,
            a.Unserved.Count,
            b.Unserved.Count,
            b.Routes.Count(r => !routesA.Contains(Signature(r))),
            a.Stages.Sum(s => s.Seconds),
            b.Stages.Sum(s => s.Seconds),
            a.StagesWithoutSolution.Select(s => s.Stage).ToList(),
            b.StagesWithoutSolution.Select(s => s.Stage).ToList());
    }
}
