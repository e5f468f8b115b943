using System.Globalization;

namespace HubPlanner.Core.Routing;

/// <summary>A visit of a route as the solver side sees it: an order index and whether it is its pickup or delivery.</summary>
internal readonly record struct Visit(int Order, StopKind Kind);

/// <summary>The first constraint a simulated route breaks.</summary>
internal enum Violation { None, Weight, Volume, TimeWindow, Shift, Horizon, Pairing }

/// <summary>Outcome of simulating one vehicle's route in exact (double) arithmetic.</summary>
internal sealed record SimulatedRoute(
    Violation Violation,
    string Message,
    double DistanceKm,
    double Cost,
    double DepartureMin,
    double ReturnMin,
    double[] Arrival,
    double[] ServiceStart,
    double[] LoadAfter,
    double[] VolumeAfter)
{
    public bool Feasible => Violation == Violation.None;
}

/// <summary>
/// Solver-side route evaluation: schedules with waiting (departure delayed as far as the windows allow, so the shift
/// is as short as it can be), loads, distance and cost. Used for pre-checks, drop diagnosis and the returned plan.
/// The <see cref="RouteChecker"/> is written separately on purpose and does not call this.
/// </summary>
internal static class RouteSimulator
{
    private const double Eps = 1e-6;

    public static SimulatedRoute Simulate(RoutingProblem problem, RoutingVehicle vehicle, IReadOnlyList<Visit> visits)
    {
        var m = problem.Matrix;
        var type = vehicle.Type;
        int n = visits.Count;
        var arrival = new double[n];
        var start = new double[n];
        var load = new double[n];
        var volume = new double[n];
        var violation = Violation.None;
        string message = "";

        void Fail(Violation v, string text)
        {
            if (violation == Violation.None)
            {
                violation = v;
                message = text;
            }
        }

        // Loads: depot-loaded deliveries are on board from the start.
        double w = 0, vol = 0;
        var seenPickup = new HashSet<int>();
        var seenDelivery = new HashSet<int>();
        foreach (var v in visits)
        {
            var o = problem.Orders[v.Order];
            if (!o.IsPickupAndDelivery)
            {
                w += o.WeightT;
                vol += o.VolumeM3;
            }
        }

        if (w > type.CapacityT + Eps)
        {
            Fail(Violation.Weight, Text($"vehicle {vehicle.Id} would leave its depot with {w:0.##} t, it carries {type.CapacityT:0.##} t"));
        }

        if (vol > type.CapacityM3 + Eps)
        {
            Fail(Violation.Volume, Text($"vehicle {vehicle.Id} would leave its depot with {vol:0.##} m³, it holds {type.CapacityM3:0.##} m³"));
        }

        double distance = 0;
        int loc = vehicle.StartLocation;
        double time = 0;
        var waitBefore = new double[n];
        for (int i = 0; i < n; i++)
        {
            var v = visits[i];
            var o = problem.Orders[v.Order];
            int next = v.Kind == StopKind.Pickup ? o.PickupLocation!.Value : o.DeliveryLocation;
            var window = v.Kind == StopKind.Pickup ? o.EffectivePickupWindow : o.DeliveryWindow;
            double service = v.Kind == StopKind.Pickup ? o.PickupServiceMin : o.DeliveryServiceMin;
            distance += m.DistanceKm(loc, next);
            time += m.TimeMin(loc, next) / type.SpeedFactor;
            arrival[i] = time;
            waitBefore[i] = Math.Max(0, window.EarliestMin - time);
            start[i] = Math.Max(time, window.EarliestMin);
            if (start[i] > window.LatestMin + Eps)
            {
                Fail(Violation.TimeWindow, Text($"order {o.Id}: earliest arrival {Clock(start[i])} after window close {Clock(window.LatestMin)}"));
            }

            time = start[i] + service;
            loc = next;
            if (v.Kind == StopKind.Pickup)
            {
                if (!o.IsPickupAndDelivery || !seenPickup.Add(v.Order))
                {
                    Fail(Violation.Pairing, Text($"order {o.Id}: unexpected pickup"));
                }

                w += o.WeightT;
                vol += o.VolumeM3;
            }
            else
            {
                if (!seenDelivery.Add(v.Order) || (o.IsPickupAndDelivery && !seenPickup.Contains(v.Order)))
                {
                    Fail(Violation.Pairing, Text($"order {o.Id}: delivered before it was picked up"));
                }

                w -= o.WeightT;
                vol -= o.VolumeM3;
            }

            load[i] = Math.Max(0, w);
            volume[i] = Math.Max(0, vol);
            if (w > type.CapacityT + Eps)
            {
                Fail(Violation.Weight, Text($"vehicle {vehicle.Id} would carry {w:0.##} t after order {o.Id}, it carries {type.CapacityT:0.##} t"));
            }

            if (vol > type.CapacityM3 + Eps)
            {
                Fail(Violation.Volume, Text($"vehicle {vehicle.Id} would hold {vol:0.##} m³ after order {o.Id}, it holds {type.CapacityM3:0.##} m³"));
            }
        }

        foreach (int p in seenPickup)
        {
            if (!seenDelivery.Contains(p))
            {
                Fail(Violation.Pairing, Text($"order {problem.Orders[p].Id}: picked up but not delivered"));
            }
        }

        distance += m.DistanceKm(loc, vehicle.EndLocation);
        time += m.TimeMin(loc, vehicle.EndLocation) / type.SpeedFactor;

        // Delay the departure by as much waiting as the windows let us absorb: it shortens the shift without
        // moving the return.
        double delay = double.PositiveInfinity, cumulativeWait = 0;
        for (int i = 0; i < n; i++)
        {
            cumulativeWait += waitBefore[i];
            var v = visits[i];
            var o = problem.Orders[v.Order];
            var window = v.Kind == StopKind.Pickup ? o.EffectivePickupWindow : o.DeliveryWindow;
            delay = Math.Min(delay, window.LatestMin - start[i] + cumulativeWait);
        }

        delay = Math.Max(0, Math.Min(delay, cumulativeWait));
        if (delay > 0)
        {
            double t = delay;
            loc = vehicle.StartLocation;
            for (int i = 0; i < n; i++)
            {
                var v = visits[i];
                var o = problem.Orders[v.Order];
                int next = v.Kind == StopKind.Pickup ? o.PickupLocation!.Value : o.DeliveryLocation;
                var window = v.Kind == StopKind.Pickup ? o.EffectivePickupWindow : o.DeliveryWindow;
                t += m.TimeMin(loc, next) / type.SpeedFactor;
                arrival[i] = t;
                start[i] = Math.Max(t, window.EarliestMin);
                t = start[i] + (v.Kind == StopKind.Pickup ? o.PickupServiceMin : o.DeliveryServiceMin);
                loc = next;
            }
        }

        double returnTime = time;
        if (returnTime > problem.HorizonMin + Eps)
        {
            Fail(Violation.Horizon, Text($"return to {problem.Locations[vehicle.EndLocation].Id} at {Clock(returnTime)} after the horizon {Clock(problem.HorizonMin)}"));
        }

        double duration = returnTime - delay;
        if (type.MaxShiftMin is double shift && duration > shift + Eps)
        {
            Fail(Violation.Shift, Text($"round trip {Hours(duration)} exceeds the {Hours(shift)} shift of {type.Id}"));
        }

        double cost = n == 0 ? 0 : type.FixedCost + (type.CostPerKm * distance);
        return new SimulatedRoute(violation, message, distance, cost, delay, returnTime, arrival, start, load, volume);
    }

    /// <summary>Minutes from the plan start as d+hh:mm / hh:mm.</summary>
    public static string Clock(double minutes)
    {
        if (double.IsPositiveInfinity(minutes))
        {
            return "∞";
        }

        long total = (long)Math.Round(minutes);
        long days = total / 1440, rest = total % 1440;
        string hhmm = string.Create(CultureInfo.InvariantCulture, $"{rest / 60:00}:{rest % 60:00}");
        return days > 0 ? string.Create(CultureInfo.InvariantCulture, $"day {days + 1} {hhmm}") : hhmm;
    }

    /// <summary>A duration in hours, one decimal where needed ("19 h", "7.5 h").</summary>
    public static string Hours(double minutes) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(minutes / 60, 1):0.#} h");

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
