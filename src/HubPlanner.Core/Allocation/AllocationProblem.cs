using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Allocation;

/// <summary>An equipment type and how many units are available.</summary>
/// <param name="AirRadiusKm">Air coverage radius (0: none).</param>
/// <param name="CoastalRadiusKm">Coastal coverage radius (0: none).</param>
/// <param name="Inventory">Units available to allocate.</param>
public sealed record AllocationEquipment(string TypeId, string Name, double WeightT, double AirRadiusKm, double CoastalRadiusKm, int Inventory);

/// <summary>An open hub that can store equipment.</summary>
public sealed record AllocationHub(string Id, string Name, double Lon, double Lat, double CapacityT);

/// <summary>A demand cell (centroid) of the airspace or coastal grid.</summary>
/// <param name="RedundancyTarget">Units that must cover it (0: no requirement; 2 = covered at least twice).</param>
public sealed record DemandCell(string Id, CoverageDomain Domain, double Lon, double Lat, double Weight, int RedundancyTarget = 0);

/// <summary>
/// Immutable typed-equipment allocation instance. A unit of type t at hub h covers cell c when the geodesic
/// distance hub–cell is within the type's radius for the cell's domain.
/// </summary>
public sealed record AllocationProblem
{
    private AllocationProblem(IReadOnlyList<AllocationEquipment> types, IReadOnlyList<AllocationHub> hubs, IReadOnlyList<DemandCell> cells, bool[,,] covers)
    {
        Types = types;
        Hubs = hubs;
        Cells = cells;
        Covers = covers;
    }

    public IReadOnlyList<AllocationEquipment> Types { get; }

    public IReadOnlyList<AllocationHub> Hubs { get; }

    public IReadOnlyList<DemandCell> Cells { get; }

    /// <summary>Covers[h, t, c]: a unit of type t at hub h covers cell c. Do not mutate.</summary>
    public bool[,,] Covers { get; }

    /// <summary>Validates the inputs (unique ids, non-negative weights, capacities, inventories, radii) and computes coverage.</summary>
    public static AllocationProblem Create(IEnumerable<AllocationEquipment> types, IEnumerable<AllocationHub> hubs, IEnumerable<DemandCell> cells)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(hubs);
        ArgumentNullException.ThrowIfNull(cells);
        var t = types.ToArray();
        var h = hubs.ToArray();
        var c = cells.ToArray();
        Unique(t.Select(x => x.TypeId), "equipment type", nameof(types));
        Unique(h.Select(x => x.Id), "hub", nameof(hubs));
        Unique(c.Select(x => x.Id), "cell", nameof(cells));
        foreach (var e in t)
        {
            if (!(e.WeightT > 0) || !double.IsFinite(e.WeightT))
            {
                throw new ArgumentException($"equipment type {e.TypeId}: weight {e.WeightT} t must be > 0", nameof(types));
            }

            if (e.Inventory < 0 || e.AirRadiusKm < 0 || e.CoastalRadiusKm < 0 || double.IsNaN(e.AirRadiusKm) || double.IsNaN(e.CoastalRadiusKm))
            {
                throw new ArgumentException($"equipment type {e.TypeId}: inventory and radii must be ≥ 0", nameof(types));
            }
        }

        foreach (var hub in h)
        {
            if (double.IsNaN(hub.CapacityT) || hub.CapacityT < 0)
            {
                throw new ArgumentException($"hub {hub.Id}: capacity {hub.CapacityT} t must be ≥ 0", nameof(hubs));
            }
        }

        foreach (var cell in c)
        {
            if (!double.IsFinite(cell.Weight) || cell.Weight < 0 || cell.RedundancyTarget < 0)
            {
                throw new ArgumentException($"cell {cell.Id}: weight and redundancy target must be ≥ 0", nameof(cells));
            }
        }

        var covers = new bool[h.Length, t.Length, c.Length];
        for (int a = 0; a < h.Length; a++)
        {
            for (int k = 0; k < c.Length; k++)
            {
                double km = Wgs84Geodesic.Distance(h[a].Lon, h[a].Lat, c[k].Lon, c[k].Lat) / 1000;
                for (int b = 0; b < t.Length; b++)
                {
                    double r = c[k].Domain == CoverageDomain.Airspace ? t[b].AirRadiusKm : t[b].CoastalRadiusKm;
                    covers[a, b, k] = r > 0 && km <= r;
                }
            }
        }

        return new AllocationProblem(t, h, c, covers);
    }

    private static void Unique(IEnumerable<string> ids, string what, string param)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id) || !seen.Add(id))
            {
                throw new ArgumentException($"{what} id '{id}' is empty or duplicated", param);
            }
        }
    }
}
