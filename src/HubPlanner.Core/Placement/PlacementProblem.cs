using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Placement;

/// <summary>A site a hub may be opened at.</summary>
/// <param name="Id">Stable id, unique within the problem.</param>
/// <param name="FixedCost">Cost of opening the hub (used by CFLP and by a budget).</param>
/// <param name="Capacity">Capacity in the unit of <see cref="PlacementDemandPoint.Demand"/> (tonnes); used by capacitated models.</param>
/// <param name="Status">Candidate, existing (kept open), forced (must open) or forbidden.</param>
public sealed record CandidateSite(
    string Id,
    string Name,
    double FixedCost,
    double Capacity,
    SiteStatus Status,
    double Lon,
    double Lat);

/// <summary>A point that hubs serve.</summary>
/// <param name="Weight">Importance, the multiplier of the distance (p-median, CFLP) or the value of covering it (MCLP).</param>
/// <param name="Demand">Quantity drawn from the serving hubs' capacity (tonnes).</param>
public sealed record PlacementDemandPoint(string Id, string Name, double Weight, double Demand);

/// <summary>Why a site may not be opened (e.g. stand-off from an exclusion zone), in a sentence.</summary>
public sealed record SiteIneligibility(string SiteId, string Reason);

/// <summary>
/// An immutable, validated facility-location instance: sites, demand points, a sites × demand cost matrix
/// (km or minutes: a generic "cost"), an optional site × site distance in km for minimum spacing, and per-site
/// ineligibility reasons. Build it with one of the <c>Create</c> overloads.
/// </summary>
public sealed record PlacementProblem
{
    private PlacementProblem(
        IReadOnlyList<CandidateSite> sites,
        IReadOnlyList<PlacementDemandPoint> demand,
        double[,] cost,
        double[,]? siteDistanceKm,
        IReadOnlyList<SiteIneligibility> ineligible)
    {
        Sites = sites;
        Demand = demand;
        Cost = cost;
        SiteDistanceKm = siteDistanceKm;
        Ineligible = ineligible;
    }

    /// <summary>Candidate sites, index j.</summary>
    public IReadOnlyList<CandidateSite> Sites { get; }

    /// <summary>Demand points, index i.</summary>
    public IReadOnlyList<PlacementDemandPoint> Demand { get; }

    /// <summary>Cost[j, i]: distance or time from site j to demand point i. Do not mutate.</summary>
    public double[,] Cost { get; }

    /// <summary>Site-to-site distances in km for spacing; null means geodesic distances from the site coordinates.</summary>
    public double[,]? SiteDistanceKm { get; }

    /// <summary>Sites that may not be opened, with the reason.</summary>
    public IReadOnlyList<SiteIneligibility> Ineligible { get; }

    /// <summary>Number of sites.</summary>
    public int SiteCount => Sites.Count;

    /// <summary>Number of demand points.</summary>
    public int DemandCount => Demand.Count;

    /// <summary>
    /// Validates and builds an instance. Throws <see cref="ArgumentException"/> naming exactly what is wrong
    /// (duplicate ids, matrix dimensions, negative or non-finite values, unknown site in an ineligibility).
    /// </summary>
    /// <param name="cost">Sites × demand matrix; copied.</param>
    /// <param name="siteDistanceKm">Optional sites × sites matrix in km; copied.</param>
    public static PlacementProblem Create(
        IEnumerable<CandidateSite> sites,
        IEnumerable<PlacementDemandPoint> demand,
        double[,] cost,
        double[,]? siteDistanceKm = null,
        IEnumerable<SiteIneligibility>? ineligible = null) =>
        Create(sites, demand, cost, siteDistanceKm, ineligible, copyCost: true);

    /// <summary>
    /// Builds an instance whose sites × demand cost matrix is filled once from <paramref name="cost"/>(j, i), without the copy the matrix overload makes of a caller's matrix (large covering instances hold one n × m matrix, not two). Validated the same way.
    /// </summary>
    public static PlacementProblem Create(
        IEnumerable<CandidateSite> sites,
        IEnumerable<PlacementDemandPoint> demand,
        Func<int, int, double> cost,
        double[,]? siteDistanceKm = null,
        IEnumerable<SiteIneligibility>? ineligible = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(cost);
        var siteList = sites.ToArray();
        var demandList = demand.ToArray();
        var matrix = new double[siteList.Length, demandList.Length];
        for (int j = 0; j < siteList.Length; j++)
        {
            for (int i = 0; i < demandList.Length; i++)
            {
                matrix[j, i] = cost(j, i);
            }
        }

        return Create(siteList, demandList, matrix, siteDistanceKm, ineligible, copyCost: false);
    }

    private static PlacementProblem Create(
        IEnumerable<CandidateSite> sites,
        IEnumerable<PlacementDemandPoint> demand,
        double[,] cost,
        double[,]? siteDistanceKm,
        IEnumerable<SiteIneligibility>? ineligible,
        bool copyCost)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(cost);
        var siteList = sites.ToArray();
        var demandList = demand.ToArray();
        if (siteList.Length == 0)
        {
            throw new ArgumentException("a placement problem needs at least one candidate site", nameof(sites));
        }

        if (demandList.Length == 0)
        {
            throw new ArgumentException("a placement problem needs at least one demand point", nameof(demand));
        }

        CheckUnique(siteList.Select(s => s.Id), "site", nameof(sites));
        CheckUnique(demandList.Select(d => d.Id), "demand point", nameof(demand));
        foreach (var s in siteList)
        {
            if (!double.IsFinite(s.FixedCost) || s.FixedCost < 0)
            {
                throw new ArgumentException($"site {s.Id}: fixed cost {s.FixedCost} must be finite and ≥ 0", nameof(sites));
            }

            if (double.IsNaN(s.Capacity) || s.Capacity < 0)
            {
                throw new ArgumentException($"site {s.Id}: capacity {s.Capacity} must be ≥ 0 (use +∞ for uncapacitated)", nameof(sites));
            }
        }

        foreach (var d in demandList)
        {
            if (!double.IsFinite(d.Weight) || d.Weight < 0)
            {
                throw new ArgumentException($"demand point {d.Id}: weight {d.Weight} must be finite and ≥ 0", nameof(demand));
            }

            if (!double.IsFinite(d.Demand) || d.Demand < 0)
            {
                throw new ArgumentException($"demand point {d.Id}: demand {d.Demand} must be finite and ≥ 0", nameof(demand));
            }
        }

        if (cost.GetLength(0) != siteList.Length || cost.GetLength(1) != demandList.Length)
        {
            throw new ArgumentException(
                $"cost matrix is {cost.GetLength(0)}×{cost.GetLength(1)}; expected sites × demand = {siteList.Length}×{demandList.Length}",
                nameof(cost));
        }

        for (int j = 0; j < siteList.Length; j++)
        {
            for (int i = 0; i < demandList.Length; i++)
            {
                double c = cost[j, i];
                if (double.IsNaN(c) || c < 0)
                {
                    throw new ArgumentException(
                        $"cost from site {siteList[j].Id} to demand point {demandList[i].Id} is {c}; it must be ≥ 0 (+∞ for unreachable)",
                        nameof(cost));
                }
            }
        }

        if (siteDistanceKm is not null)
        {
            if (siteDistanceKm.GetLength(0) != siteList.Length || siteDistanceKm.GetLength(1) != siteList.Length)
            {
                throw new ArgumentException(
                    $"site distance matrix is {siteDistanceKm.GetLength(0)}×{siteDistanceKm.GetLength(1)}; expected {siteList.Length}×{siteList.Length}",
                    nameof(siteDistanceKm));
            }

            foreach (double d in siteDistanceKm)
            {
                if (double.IsNaN(d) || d < 0)
                {
                    throw new ArgumentException($"site distance {d} must be ≥ 0", nameof(siteDistanceKm));
                }
            }
        }

        var ids = new HashSet<string>(siteList.Select(s => s.Id), StringComparer.Ordinal);
        var inel = (ineligible ?? []).ToArray();
        foreach (var e in inel)
        {
            if (!ids.Contains(e.SiteId))
            {
                throw new ArgumentException($"ineligibility names unknown site {e.SiteId}", nameof(ineligible));
            }
        }

        return new PlacementProblem(
            siteList,
            demandList,
            copyCost ? (double[,])cost.Clone() : cost,
            (double[,]?)siteDistanceKm?.Clone(),
            inel);
    }

    /// <summary>
    /// Builds an instance whose cost is the geodesic distance in km between sites and demand locations
    /// (for tests and first estimates; real plans pass road distances).
    /// </summary>
    public static PlacementProblem CreateGeodesic(
        IReadOnlyList<CandidateSite> sites,
        IReadOnlyList<(PlacementDemandPoint Point, double Lon, double Lat)> demand,
        IEnumerable<SiteIneligibility>? ineligible = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(demand);
        var cost = new double[sites.Count, demand.Count];
        for (int j = 0; j < sites.Count; j++)
        {
            for (int i = 0; i < demand.Count; i++)
            {
                cost[j, i] = Wgs84Geodesic.Distance(sites[j].Lon, sites[j].Lat, demand[i].Lon, demand[i].Lat) / 1000;
            }
        }

        return Create(sites, demand.Select(d => d.Point), cost, null, ineligible);
    }

    /// <summary>Returns a copy with more ineligible sites (e.g. from <see cref="StandOff"/>).</summary>
    public PlacementProblem WithIneligible(IEnumerable<SiteIneligibility> more) =>
        Create(Sites, Demand, Cost, SiteDistanceKm, Ineligible.Concat(more), copyCost: false);

    /// <summary>Distance in km between two sites: the given matrix, else the geodesic distance.</summary>
    public double SpacingKm(int a, int b) =>
        SiteDistanceKm is { } m
            ? m[a, b]
            : Wgs84Geodesic.Distance(Sites[a].Lon, Sites[a].Lat, Sites[b].Lon, Sites[b].Lat) / 1000;

    /// <summary>Index of a site by id, or -1.</summary>
    public int SiteIndex(string id)
    {
        for (int j = 0; j < Sites.Count; j++)
        {
            if (string.Equals(Sites[j].Id, id, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static void CheckUnique(IEnumerable<string> ids, string what, string param)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException($"a {what} has an empty id", param);
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"duplicate {what} id {id}", param);
            }
        }
    }
}
