using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Planning;

/// <summary>Outcome of one solver stage.</summary>
/// <remarks><see cref="NoSolution"/>: the stage had work to do and produced nothing (routing delivered none of its
/// orders); a plan with such a stage is not a success.</remarks>
public enum StageStatus { Optimal, Feasible, Infeasible, TimedOut, Skipped, Failed, NoSolution }

/// <summary>Solver status and quality of one stage, for the report.</summary>
/// <param name="GapPct">Relative gap between objective and bound in %, null where the stage has no bound.</param>
/// <param name="Message">One sentence: what was solved, or why it failed.</param>
public sealed record StageSummary(
    string Stage,
    StageStatus Status,
    double? Objective,
    double? Bound,
    double? GapPct,
    double Seconds,
    string Message);

/// <summary>Units of one equipment type at a hub.</summary>
public sealed record HubEquipment(string EquipmentTypeId, string EquipmentName, int Quantity, double WeightT);

/// <summary>An open hub and why it was chosen.</summary>
public sealed record PlanHub(
    string SiteId,
    string Name,
    string Kind,
    double Lon,
    double Lat,
    string Reason,
    int DemandPointsServed,
    double DemandWeightServed,
    double CapacityT,
    IReadOnlyList<HubEquipment> Equipment)
{
    /// <summary>Distance to the nearest hostile territory (occupied, contested or hostile state), km; null without a control map.</summary>
    public double? HostileDistanceKm { get; init; }

    /// <summary>Ids of the threat classes whose ring contains the hub.</summary>
    public IReadOnlyList<string> ThreatRings { get; init; } = [];

    /// <summary>Total weight of the equipment stored at the hub, t.</summary>
    public double EquipmentWeightT => Equipment.Sum(e => e.WeightT);
}

/// <summary>A candidate site that is ineligible, with the reason (stand-off, forbidden, unreachable).</summary>
public sealed record IneligibleSite(string SiteId, string Name, string Reason);

/// <summary>A demand point served by a hub, with the road distance and time.</summary>
public sealed record PlanAssignment(string DemandId, string DemandName, string SiteId, double Km, double Minutes, LineString Geometry);

/// <summary>One stop of a vehicle route.</summary>
public sealed record RouteStop(string LocationId, string LocationName, string Action, string OrderId, double LoadT, double ArrivalMin);

/// <summary>One vehicle's route, with a LineString following the roads.</summary>
public sealed record PlanRoute(
    string VehicleId,
    string VehicleTypeId,
    string DepotId,
    IReadOnlyList<RouteStop> Stops,
    double Km,
    double Hours,
    double Cost,
    LineString Geometry);

/// <summary>An order that was not delivered, and why.</summary>
public sealed record UnservedOrder(string OrderId, string Description, string Reason);

/// <summary>Coverage of one target altitude band.</summary>
public sealed record BandCoverage(
    double TargetAltitudeM,
    double AirspaceKm2,
    double AirspaceCoveredKm2,
    double CoastalKm2,
    double CoastalCoveredKm2,
    IReadOnlyList<double> AirspaceCoveredAtLeastKm2,
    double CoastlineKm,
    double CoastlineCoveredKm,
    Geometry Covered)
{
    public double AirspacePct => AirspaceKm2 > 0 ? 100 * AirspaceCoveredKm2 / AirspaceKm2 : 0;

    public double CoastalPct => CoastalKm2 > 0 ? 100 * CoastalCoveredKm2 / CoastalKm2 : 0;
}

/// <summary>An uncovered area of the airspace.</summary>
public sealed record CoverageGap(int Rank, double TargetAltitudeM, double AreaKm2, double CentroidLon, double CentroidLat, string NearestHubId, double NearestHubKm, Geometry Geometry);

/// <summary>What is lost if one hub (with all its equipment) is lost, per band.</summary>
public sealed record HubLoss(string SiteId, string Name, double TargetAltitudeM, double AirspaceLostKm2, double CoastalLostKm2, double WeightLost);

/// <summary>Everything a plan produced: the report, the map layers, the solver quality of each stage.</summary>
public sealed record PlanResult
{
    public required string Scenario { get; init; }
    public required int Seed { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<StageSummary> Stages { get; init; }
    public required IReadOnlyList<PlanHub> Hubs { get; init; }
    public required IReadOnlyList<IneligibleSite> Ineligible { get; init; }
    public required IReadOnlyList<PlanAssignment> Assignments { get; init; }
    public required IReadOnlyList<PlanRoute> Routes { get; init; }
    public required IReadOnlyList<UnservedOrder> Unserved { get; init; }
    public required IReadOnlyList<BandCoverage> Coverage { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    public required IReadOnlyList<HubLoss> Losses { get; init; }

    /// <summary>Total road km of all routes.</summary>
    public double RouteKm => Routes.Sum(r => r.Km);

    /// <summary>Total driving + service hours of all routes.</summary>
    public double RouteHours => Routes.Sum(r => r.Hours);

    /// <summary>Total routing cost (fixed + per km).</summary>
    public double RouteCost => Routes.Sum(r => r.Cost);

    /// <summary>The stages that had work to do and produced nothing (<see cref="StageStatus.NoSolution"/>).</summary>
    public IReadOnlyList<StageSummary> StagesWithoutSolution => Stages.Where(s => s.Status == StageStatus.NoSolution).ToList();
}

/// <summary>Progress of a plan: which stage, how far, the current objective and bound where known.</summary>
public sealed record PlanProgress(string Stage, double Fraction, string Message, double? Objective = null, double? Bound = null);
