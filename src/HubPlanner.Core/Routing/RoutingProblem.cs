using System.Globalization;

namespace HubPlanner.Core.Routing;

/// <summary>A place a vehicle can stand: a depot, an entry point or a hub. <see cref="Index"/> is its row in the travel matrix.</summary>
public sealed record RoutingLocation(int Index, string Id, string Name);

/// <summary>A closed time interval in minutes from the start of the plan (service must <em>start</em> inside it).</summary>
public readonly record struct TimeWindow(double EarliestMin, double LatestMin)
{
    /// <summary>The window that never binds.</summary>
    public static TimeWindow Always => new(0, double.PositiveInfinity);

    /// <summary>True if the window does not restrict anything within <paramref name="horizonMin"/>.</summary>
    public bool IsUnbounded(double horizonMin) => EarliestMin <= 0 && LatestMin >= horizonMin;
}

/// <summary>
/// Location × location travel distances (km) and times (minutes at speed factor 1). Rows are origins. Both
/// matrices may be asymmetric (road networks are); the diagonal is ignored.
/// </summary>
public sealed class RoutingMatrix
{
    private readonly double[,] _distanceKm;
    private readonly double[,] _timeMin;

    private RoutingMatrix(double[,] distanceKm, double[,] timeMin)
    {
        _distanceKm = distanceKm;
        _timeMin = timeMin;
    }

    /// <summary>Number of locations (rows = columns).</summary>
    public int Size => _distanceKm.GetLength(0);

    /// <summary>Road distance from <paramref name="from"/> to <paramref name="to"/> in km.</summary>
    public double DistanceKm(int from, int to) => from == to ? 0 : _distanceKm[from, to];

    /// <summary>Travel time from <paramref name="from"/> to <paramref name="to"/> in minutes at speed factor 1.</summary>
    public double TimeMin(int from, int to) => from == to ? 0 : _timeMin[from, to];

    /// <summary>Copies and validates the matrices: square, same size, finite and non-negative off the diagonal.</summary>
    /// <exception cref="ArgumentException">Says which cell is wrong.</exception>
    public static RoutingMatrix Create(double[,] distanceKm, double[,] timeMin)
    {
        ArgumentNullException.ThrowIfNull(distanceKm);
        ArgumentNullException.ThrowIfNull(timeMin);
        int n = distanceKm.GetLength(0);
        if (distanceKm.GetLength(1) != n)
        {
            throw new ArgumentException($"distance matrix is {n}×{distanceKm.GetLength(1)}, not square", nameof(distanceKm));
        }

        if (timeMin.GetLength(0) != n || timeMin.GetLength(1) != n)
        {
            throw new ArgumentException($"time matrix is {timeMin.GetLength(0)}×{timeMin.GetLength(1)}, distance matrix is {n}×{n}", nameof(timeMin));
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                if (!double.IsFinite(distanceKm[i, j]) || distanceKm[i, j] < 0)
                {
                    throw new ArgumentException($"distance[{i},{j}] = {distanceKm[i, j]} is not a finite non-negative km value", nameof(distanceKm));
                }

                if (!double.IsFinite(timeMin[i, j]) || timeMin[i, j] < 0)
                {
                    throw new ArgumentException($"time[{i},{j}] = {timeMin[i, j]} is not a finite non-negative minute value", nameof(timeMin));
                }
            }
        }

        return new RoutingMatrix((double[,])distanceKm.Clone(), (double[,])timeMin.Clone());
    }

    /// <summary>Planar Euclidean matrix (km), time = distance / <paramref name="speedKmPerMin"/>: for tests and benchmarks.</summary>
    public static RoutingMatrix Euclidean(IReadOnlyList<(double X, double Y)> points, double speedKmPerMin = 1, Func<double, double>? round = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        var d = new double[n, n];
        var t = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double dx = points[i].X - points[j].X, dy = points[i].Y - points[j].Y;
                double e = Math.Sqrt((dx * dx) + (dy * dy));
                if (round is not null)
                {
                    e = round(e);
                }

                d[i, j] = e;
                t[i, j] = e / speedKmPerMin;
            }
        }

        return Create(d, t);
    }
}

/// <summary>
/// One transport order. With <see cref="PickupLocation"/> null the goods are loaded at the depot of whichever vehicle
/// serves it (a plain delivery, as in CVRP); otherwise the same vehicle must visit the pickup before the delivery.
/// </summary>
/// <param name="Priority">1 (lowest) and up. Optional orders that are dropped cost Priority × the problem's drop penalty.</param>
/// <param name="Optional">False: the order must be served, and is reported unserved only when it cannot be.</param>
public sealed record DeliveryOrder(
    string Id,
    int? PickupLocation,
    int DeliveryLocation,
    double WeightT,
    double VolumeM3,
    TimeWindow DeliveryWindow,
    double DeliveryServiceMin = 0,
    TimeWindow? PickupWindow = null,
    double PickupServiceMin = 0,
    int Priority = 1,
    bool Optional = false)
{
    /// <summary>True if the goods come from an explicit pickup stop rather than the vehicle's depot.</summary>
    public bool IsPickupAndDelivery => PickupLocation.HasValue;

    /// <summary>The pickup window, never binding when none is given.</summary>
    public TimeWindow EffectivePickupWindow => PickupWindow ?? TimeWindow.Always;
}

/// <summary>A vehicle type of the routing fleet.</summary>
/// <param name="SpeedFactor">Multiplies the matrix speed: 0.8 means travel times are 1/0.8 longer.</param>
/// <param name="MaxShiftMin">Longest route duration (leaving the depot to coming back, waiting included); null = no limit.</param>
public sealed record RoutingVehicleType(
    string Id,
    double CapacityT,
    double CapacityM3,
    double SpeedFactor = 1,
    double FixedCost = 0,
    double CostPerKm = 1,
    double? MaxShiftMin = null);

/// <summary><see cref="Count"/> vehicles of type <see cref="VehicleTypeId"/> starting at <see cref="StartLocation"/> and ending at <see cref="EndLocation"/>.</summary>
public sealed record FleetGroup(string VehicleTypeId, int StartLocation, int EndLocation, int Count);

/// <summary>One physical vehicle, expanded from a <see cref="FleetGroup"/>; <see cref="Index"/> is stable for a problem.</summary>
public sealed record RoutingVehicle(int Index, string Id, RoutingVehicleType Type, int StartLocation, int EndLocation);

/// <summary>
/// An immutable, validated vehicle routing problem: CVRP, time windows, multi-depot, pickup-and-delivery, heterogeneous
/// fleet, maximum route duration and optional orders with priority penalties. Build it with <see cref="Create"/>.
/// </summary>
public sealed class RoutingProblem
{
    private RoutingProblem(
        IReadOnlyList<RoutingLocation> locations,
        RoutingMatrix matrix,
        IReadOnlyList<DeliveryOrder> orders,
        IReadOnlyList<RoutingVehicleType> vehicleTypes,
        IReadOnlyList<FleetGroup> fleet,
        IReadOnlyList<RoutingVehicle> vehicles,
        double horizonMin,
        double dropPenaltyPerPriority)
    {
        Locations = locations;
        Matrix = matrix;
        Orders = orders;
        VehicleTypes = vehicleTypes;
        Fleet = fleet;
        Vehicles = vehicles;
        HorizonMin = horizonMin;
        DropPenaltyPerPriority = dropPenaltyPerPriority;
    }

    /// <summary>Locations, index = matrix row.</summary>
    public IReadOnlyList<RoutingLocation> Locations { get; }

    /// <summary>Travel distances and times between locations.</summary>
    public RoutingMatrix Matrix { get; }

    /// <summary>The orders to serve.</summary>
    public IReadOnlyList<DeliveryOrder> Orders { get; }

    /// <summary>Vehicle types.</summary>
    public IReadOnlyList<RoutingVehicleType> VehicleTypes { get; }

    /// <summary>The fleet as given.</summary>
    public IReadOnlyList<FleetGroup> Fleet { get; }

    /// <summary>The fleet expanded to individual vehicles, in fleet order.</summary>
    public IReadOnlyList<RoutingVehicle> Vehicles { get; }

    /// <summary>Every vehicle must be back at its end depot by this time (minutes); +∞ for none.</summary>
    public double HorizonMin { get; }

    /// <summary>Cost of dropping an optional order, per priority unit.</summary>
    public double DropPenaltyPerPriority { get; }

    /// <summary>True if some order has a pickup stop.</summary>
    public bool HasPickupAndDelivery => Orders.Any(o => o.IsPickupAndDelivery);

    /// <summary>Penalty charged when optional order <paramref name="order"/> is not served.</summary>
    public double DropPenalty(DeliveryOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Priority * DropPenaltyPerPriority;
    }

    /// <summary>Validates everything and builds the problem.</summary>
    /// <exception cref="ArgumentException">Lists every problem found, one per line.</exception>
    public static RoutingProblem Create(
        IEnumerable<RoutingLocation> locations,
        RoutingMatrix matrix,
        IEnumerable<DeliveryOrder> orders,
        IEnumerable<RoutingVehicleType> vehicleTypes,
        IEnumerable<FleetGroup> fleet,
        double horizonMin = double.PositiveInfinity,
        double dropPenaltyPerPriority = 10_000)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var locs = (locations ?? throw new ArgumentNullException(nameof(locations))).ToArray();
        var ords = (orders ?? throw new ArgumentNullException(nameof(orders))).ToArray();
        var types = (vehicleTypes ?? throw new ArgumentNullException(nameof(vehicleTypes))).ToArray();
        var groups = (fleet ?? throw new ArgumentNullException(nameof(fleet))).ToArray();
        var errors = new List<string>();

        if (locs.Length != matrix.Size)
        {
            errors.Add($"{locs.Length} locations but the travel matrix is {matrix.Size}×{matrix.Size}");
        }

        for (int i = 0; i < locs.Length; i++)
        {
            if (locs[i] is null)
            {
                errors.Add($"location #{i} is null");
            }
            else if (locs[i].Index != i)
            {
                errors.Add($"location '{locs[i].Id}' is at position {i} but says index {locs[i].Index}");
            }
        }

        Duplicates(locs.Where(l => l is not null).Select(l => l.Id), "location", errors);
        Duplicates(ords.Where(o => o is not null).Select(o => o.Id), "order", errors);
        Duplicates(types.Where(t => t is not null).Select(t => t.Id), "vehicle type", errors);

        if (!(horizonMin > 0))
        {
            errors.Add($"horizon {horizonMin} min must be positive");
        }

        if (!double.IsFinite(dropPenaltyPerPriority) || dropPenaltyPerPriority < 0)
        {
            errors.Add($"drop penalty per priority {dropPenaltyPerPriority} must be finite and non-negative");
        }

        bool InRange(int loc) => loc >= 0 && loc < locs.Length;
        foreach (var o in ords)
        {
            if (o is null)
            {
                errors.Add("an order is null");
                continue;
            }

            if (!InRange(o.DeliveryLocation))
            {
                errors.Add($"order '{o.Id}': delivery location {o.DeliveryLocation} does not exist");
            }

            if (o.PickupLocation is int p && !InRange(p))
            {
                errors.Add($"order '{o.Id}': pickup location {p} does not exist");
            }

            if (!double.IsFinite(o.WeightT) || o.WeightT < 0 || !double.IsFinite(o.VolumeM3) || o.VolumeM3 < 0)
            {
                errors.Add($"order '{o.Id}': weight {o.WeightT} t and volume {o.VolumeM3} m³ must be finite and non-negative");
            }

            CheckWindow(o.DeliveryWindow, $"order '{o.Id}': delivery window", errors);
            CheckWindow(o.EffectivePickupWindow, $"order '{o.Id}': pickup window", errors);
            if (o.PickupWindow.HasValue && !o.IsPickupAndDelivery)
            {
                errors.Add($"order '{o.Id}' has a pickup window but no pickup location");
            }

            if (!double.IsFinite(o.DeliveryServiceMin) || o.DeliveryServiceMin < 0 || !double.IsFinite(o.PickupServiceMin) || o.PickupServiceMin < 0)
            {
                errors.Add($"order '{o.Id}': service times must be finite and non-negative");
            }

            if (o.Priority < 1)
            {
                errors.Add($"order '{o.Id}': priority {o.Priority} must be at least 1");
            }
        }

        foreach (var t in types.Where(t => t is not null))
        {
            if (!(t.CapacityT >= 0) || !(t.CapacityM3 >= 0) || !double.IsFinite(t.CapacityT) || !double.IsFinite(t.CapacityM3))
            {
                errors.Add($"vehicle type '{t.Id}': capacities {t.CapacityT} t / {t.CapacityM3} m³ must be finite and non-negative");
            }

            if (!(t.SpeedFactor > 0) || !double.IsFinite(t.SpeedFactor))
            {
                errors.Add($"vehicle type '{t.Id}': speed factor {t.SpeedFactor} must be positive");
            }

            if (!double.IsFinite(t.FixedCost) || t.FixedCost < 0 || !double.IsFinite(t.CostPerKm) || t.CostPerKm < 0)
            {
                errors.Add($"vehicle type '{t.Id}': fixed cost and cost per km must be finite and non-negative");
            }

            if (t.MaxShiftMin is double s && !(s > 0))
            {
                errors.Add($"vehicle type '{t.Id}': maximum shift {s} min must be positive");
            }
        }

        var typeById = types.Where(t => t is not null).GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var vehicles = new List<RoutingVehicle>();
        foreach (var g in groups)
        {
            if (g is null)
            {
                errors.Add("a fleet group is null");
                continue;
            }

            if (!typeById.TryGetValue(g.VehicleTypeId, out var type))
            {
                errors.Add($"fleet group: vehicle type '{g.VehicleTypeId}' is not defined");
                continue;
            }

            if (!InRange(g.StartLocation) || !InRange(g.EndLocation))
            {
                errors.Add($"fleet group of '{g.VehicleTypeId}': depot locations {g.StartLocation} → {g.EndLocation} do not exist");
                continue;
            }

            if (g.Count < 0)
            {
                errors.Add($"fleet group of '{g.VehicleTypeId}' at {g.StartLocation}: count {g.Count} is negative");
                continue;
            }

            for (int k = 0; k < g.Count; k++)
            {
                vehicles.Add(new RoutingVehicle(
                    vehicles.Count,
                    string.Create(CultureInfo.InvariantCulture, $"{type.Id}@{locs[g.StartLocation]?.Id}#{k + 1}"),
                    type,
                    g.StartLocation,
                    g.EndLocation));
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid routing problem:\n" + string.Join("\n", errors));
        }

        return new RoutingProblem(locs, matrix, ords, types, groups, vehicles, horizonMin, dropPenaltyPerPriority);
    }

    private static void CheckWindow(TimeWindow w, string what, List<string> errors)
    {
        if (double.IsNaN(w.EarliestMin) || double.IsNaN(w.LatestMin) || w.EarliestMin < 0 || w.LatestMin < w.EarliestMin)
        {
            errors.Add($"{what} [{w.EarliestMin}, {w.LatestMin}] must satisfy 0 ≤ earliest ≤ latest");
        }
    }

    private static void Duplicates(IEnumerable<string> ids, string what, List<string> errors)
    {
        foreach (var g in ids.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{what} id '{g.Key}' appears {g.Count()} times");
        }
    }
}
