namespace HubPlanner.Core.Routing;

/// <summary>
/// OR-Tools node numbering for one solve: the depot locations first (one node per distinct start/end location), then
/// one node per stop (pickup and delivery of a pair, or the delivery of a depot-loaded order).
/// </summary>
internal sealed class NodeLayout
{
    /// <summary>Integer load units per tonne / m³ inside OR-Tools (kg, litres).</summary>
    public const double LoadScale = 1000;

    private NodeLayout(int depotCount, Dictionary<int, int> depotNode, int[] location, int[] order, StopKind[] kind, TimeWindow[] window, double[] serviceMin, List<(int, int)> pairs)
    {
        DepotCount = depotCount;
        DepotNode = depotNode;
        Location = location;
        Order = order;
        Kind = kind;
        Window = window;
        ServiceMin = serviceMin;
        Pairs = pairs;
    }

    public int DepotCount { get; }

    public Dictionary<int, int> DepotNode { get; }

    public int[] Location { get; }

    /// <summary>Order index of a stop node; -1 for depots.</summary>
    public int[] Order { get; }

    public StopKind[] Kind { get; }

    public TimeWindow[] Window { get; }

    public double[] ServiceMin { get; }

    public List<(int Pickup, int Delivery)> Pairs { get; }

    public int Count => Location.Length;

    public static NodeLayout Build(RoutingProblem problem, IReadOnlyList<int> orders)
    {
        var depotNode = new Dictionary<int, int>();
        var location = new List<int>();
        var order = new List<int>();
        var kind = new List<StopKind>();
        var window = new List<TimeWindow>();
        var service = new List<double>();
        foreach (var v in problem.Vehicles)
        {
            foreach (int loc in new[] { v.StartLocation, v.EndLocation })
            {
                if (!depotNode.ContainsKey(loc))
                {
                    depotNode[loc] = location.Count;
                    location.Add(loc);
                    order.Add(-1);
                    kind.Add(StopKind.Delivery);
                    window.Add(TimeWindow.Always);
                    service.Add(0);
                }
            }
        }

        int depots = location.Count;
        var pairs = new List<(int, int)>();
        foreach (int i in orders)
        {
            var o = problem.Orders[i];
            if (o.PickupLocation is int p)
            {
                pairs.Add((location.Count, location.Count + 1));
                location.Add(p);
                order.Add(i);
                kind.Add(StopKind.Pickup);
                window.Add(o.EffectivePickupWindow);
                service.Add(o.PickupServiceMin);
            }

            location.Add(o.DeliveryLocation);
            order.Add(i);
            kind.Add(StopKind.Delivery);
            window.Add(o.DeliveryWindow);
            service.Add(o.DeliveryServiceMin);
        }

        return new NodeLayout(depots, depotNode, [.. location], [.. order], [.. kind], [.. window], [.. service], pairs);
    }

    public long[][] Matrix(Func<int, int, long> byLocation)
    {
        int n = Count;
        var m = new long[n][];
        for (int i = 0; i < n; i++)
        {
            m[i] = new long[n];
            for (int j = 0; j < n; j++)
            {
                m[i][j] = Location[i] == Location[j] ? 0 : byLocation(Location[i], Location[j]);
            }
        }

        return m;
    }

    /// <summary>Service at the origin + travel, in ticks, rounded up so integer schedules are feasible in exact time.</summary>
    public long[][] TimeMatrix(RoutingProblem problem, double speedFactor, double timeScale)
    {
        int n = Count;
        var m = new long[n][];
        for (int i = 0; i < n; i++)
        {
            m[i] = new long[n];
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                double minutes = ServiceMin[i] + (problem.Matrix.TimeMin(Location[i], Location[j]) / speedFactor);
                m[i][j] = (long)Math.Ceiling((minutes * timeScale) - 1e-9);
            }
        }

        return m;
    }

    public long[] WeightDelta(RoutingProblem problem, bool signed) => Delta(problem, signed, o => o.WeightT);

    public long[] VolumeDelta(RoutingProblem problem, bool signed) => Delta(problem, signed, o => o.VolumeM3);

    private long[] Delta(RoutingProblem problem, bool signed, Func<DeliveryOrder, double> amount)
    {
        var d = new long[Count];
        for (int node = DepotCount; node < Count; node++)
        {
            var o = problem.Orders[Order[node]];
            long q = (long)Math.Ceiling((amount(o) * LoadScale) - 1e-6);
            if (!signed)
            {
                d[node] = q;
            }
            else
            {
                d[node] = Kind[node] == StopKind.Pickup ? q : -q;
            }
        }

        return d;
    }
}
