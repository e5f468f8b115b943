namespace HubPlanner.Core.Routing;

/// <summary>What a stop does.</summary>
public enum StopKind { Pickup, Delivery }

/// <summary>One stop of a route: the order, what happens there, and when.</summary>
/// <param name="ArrivalMin">Arrival time at the location (minutes from the plan start).</param>
/// <param name="ServiceStartMin">When service starts (after waiting for the window to open).</param>
/// <param name="LoadAfterT">Weight on board when leaving the stop.</param>
public sealed record VehicleStop(string OrderId, StopKind Kind, int Location, double ArrivalMin, double ServiceStartMin, double LoadAfterT, double VolumeAfterM3);

/// <summary>The route of one used vehicle.</summary>
/// <param name="DepartureMin">When the vehicle leaves its start depot.</param>
/// <param name="ReturnMin">When it is back at its end depot.</param>
public sealed record VehicleRoute(
    int VehicleIndex,
    string VehicleId,
    string VehicleTypeId,
    IReadOnlyList<VehicleStop> Stops,
    double DistanceKm,
    double DepartureMin,
    double ReturnMin,
    double Cost)
{
    /// <summary>Time from departure to return, waiting included.</summary>
    public double DurationMin => ReturnMin - DepartureMin;
}

/// <summary>Why an order is not served.</summary>
public enum UnservedReason
{
    /// <summary>Heavier or bulkier than any vehicle (alone), or no spare room on any route.</summary>
    Capacity,

    /// <summary>No vehicle can reach it inside its time window (alone or in any route).</summary>
    TimeWindow,

    /// <summary>A round trip serving it alone exceeds every vehicle's shift or the planning horizon.</summary>
    Shift,

    /// <summary>Serving it would cost more than its drop penalty (optional orders).</summary>
    Penalty,

    /// <summary>The fleet has no vehicle at all.</summary>
    NoVehicle,

    /// <summary>Dropped by the search; no single binding constraint could be named.</summary>
    Other,
}

/// <summary>An order that the plan does not serve, and why, in one sentence.</summary>
public sealed record DroppedOrder(string OrderId, UnservedReason Reason, string Explanation);

/// <summary>Search statistics of a routing solve.</summary>
/// <param name="Solutions">Solutions reported by the search (first one included).</param>
/// <param name="Status">OR-Tools' final status text; a valid assignment may come with ROUTING_NOT_SOLVED after ILS.</param>
/// <param name="WallTimeMs">Wall time of the search (workers run in parallel).</param>
/// <param name="Workers">Parallel searches run.</param>
/// <param name="PostOptimizeMoves">Improving moves HubPlanner's own descent applied after OR-Tools.</param>
/// <param name="UsedConstruction">The plan is the cheapest-insertion construction (polished), because the search found
/// nothing or something worse in its time.</param>
public sealed record RoutingSearchStats(int Solutions, string Status, long WallTimeMs, int Workers, bool UsedSoftMandatoryFallback, int PostOptimizeMoves,
    bool UsedConstruction = false);

/// <summary>Immutable result of routing: the routes, the orders not served with their reasons, and the cost.</summary>
/// <param name="TotalCost">Fixed costs + cost per km × km of every used vehicle + drop penalties of unserved optional orders.</param>
public sealed record DeliveryPlan(
    IReadOnlyList<VehicleRoute> Routes,
    IReadOnlyList<DroppedOrder> Unserved,
    double TotalCost,
    double TotalDistanceKm,
    RoutingSearchStats Stats);

/// <summary>Progress of a routing search: a new best solution.</summary>
public sealed record RoutingProgress(int Solutions, double BestCost, long WallTimeMs);
