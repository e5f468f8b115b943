using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Coverage;

/// <summary>
/// One sensor or effector placed at a hub: the unit of coverage. All assets of a hub are lost together.
/// </summary>
/// <param name="Id">Unique asset id (e.g. "hub-lviv/radar-3").</param>
/// <param name="HubId">The hub holding it; per-hub loss removes every asset with this id.</param>
/// <param name="TypeId">Equipment type id, for reports.</param>
/// <param name="AirRadiusKm">Nominal range against air targets (0 = covers no airspace).</param>
/// <param name="CoastalRadiusKm">Nominal range over the coastal zone and coastline (0 = none).</param>
/// <param name="SensorHeightM">Antenna height above ground, for the radar horizon.</param>
public sealed record CoverageAsset(
    string Id,
    string HubId,
    string TypeId,
    double Lon,
    double Lat,
    double AirRadiusKm,
    double CoastalRadiusKm,
    double SensorHeightM);

/// <summary>A priority zone: area inside it counts <paramref name="Weight"/> per km² in the weighted demand.</summary>
public sealed record PriorityZone(string Id, Geometry Polygon, double Weight);

/// <summary>A weighted demand point (a city, a base): counted if any asset covers it.</summary>
public sealed record WeightedPoint(string Id, double Lon, double Lat, double Weight);

/// <summary>
/// The immutable, validated input of the coverage stage. Geometries are lon/lat (SRID 4326). Build with
/// <see cref="Create"/>, which says exactly what is wrong.
/// </summary>
public sealed record CoverageProblem
{
    /// <summary>Target altitudes (m) used when none are given: low, medium and high level.</summary>
    public static IReadOnlyList<double> DefaultBandsM { get; } = [100, 1_000, 10_000];

    private CoverageProblem(
        IReadOnlyList<CoverageAsset> assets,
        Geometry airspace,
        Geometry coastalZone,
        Geometry coastline,
        IReadOnlyList<PriorityZone> priorityZones,
        IReadOnlyList<WeightedPoint> points,
        IReadOnlyList<double> bandsM,
        double minGapAreaKm2)
    {
        Assets = assets;
        Airspace = airspace;
        CoastalZone = coastalZone;
        Coastline = coastline;
        PriorityZones = priorityZones;
        Points = points;
        BandsM = bandsM;
        MinGapAreaKm2 = minGapAreaKm2;
    }

    /// <summary>The assets, in input order.</summary>
    public IReadOnlyList<CoverageAsset> Assets { get; }

    /// <summary>The airspace to cover (the border polygon), lon/lat.</summary>
    public Geometry Airspace { get; }

    /// <summary>The coastal zone to cover (may be empty), lon/lat.</summary>
    public Geometry CoastalZone { get; }

    /// <summary>The coastline (lineal, may be empty), lon/lat.</summary>
    public Geometry Coastline { get; }

    /// <summary>Optional weighted priority zones.</summary>
    public IReadOnlyList<PriorityZone> PriorityZones { get; }

    /// <summary>Optional weighted demand points.</summary>
    public IReadOnlyList<WeightedPoint> Points { get; }

    /// <summary>Target altitudes (m), ascending, distinct.</summary>
    public IReadOnlyList<double> BandsM { get; }

    /// <summary>Uncovered pieces smaller than this (km²) are not reported as gaps.</summary>
    public double MinGapAreaKm2 { get; }

    /// <summary>Validates and builds a problem.</summary>
    /// <exception cref="ArgumentException">Naming the first offending input.</exception>
    public static CoverageProblem Create(
        IReadOnlyList<CoverageAsset> assets,
        Geometry airspace,
        Geometry? coastalZone = null,
        Geometry? coastline = null,
        IReadOnlyList<PriorityZone>? priorityZones = null,
        IReadOnlyList<WeightedPoint>? points = null,
        IReadOnlyList<double>? bandsM = null,
        double minGapAreaKm2 = 100)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(airspace);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in assets)
        {
            if (a is null)
            {
                throw new ArgumentException("Assets contain a null entry.", nameof(assets));
            }

            ValidateAsset(a);
            if (!ids.Add(a.Id))
            {
                throw new ArgumentException($"Asset id '{a.Id}' appears twice.", nameof(assets));
            }
        }

        RequirePolygonal(airspace, "airspace", allowEmpty: false);
        coastalZone ??= GeoFactory.Wgs84.CreatePolygon();
        RequirePolygonal(coastalZone, "coastal zone", allowEmpty: true);
        coastline ??= GeoFactory.Wgs84.CreateMultiLineString();
        if (!coastline.IsEmpty && coastline is not (ILineal or GeometryCollection { IsEmpty: true }))
        {
            throw new ArgumentException($"The coastline must be a LineString or MultiLineString, got {coastline.GeometryType}.", nameof(coastline));
        }

        RequireLonLat(coastline, "coastline");

        var zones = priorityZones ?? [];
        var zoneIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var z in zones)
        {
            if (string.IsNullOrWhiteSpace(z.Id) || !zoneIds.Add(z.Id))
            {
                throw new ArgumentException($"Priority zone id '{z.Id}' is empty or appears twice.", nameof(priorityZones));
            }

            RequirePolygonal(z.Polygon, $"priority zone '{z.Id}'", allowEmpty: false);
            if (!(z.Weight >= 0) || double.IsInfinity(z.Weight))
            {
                throw new ArgumentException($"Priority zone '{z.Id}' has weight {z.Weight}; weights must be finite and ≥ 0.", nameof(priorityZones));
            }
        }

        var pts = points ?? [];
        var pointIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pts)
        {
            if (string.IsNullOrWhiteSpace(p.Id) || !pointIds.Add(p.Id))
            {
                throw new ArgumentException($"Demand point id '{p.Id}' is empty or appears twice.", nameof(points));
            }

            if (!IsLonLat(p.Lon, p.Lat))
            {
                throw new ArgumentException($"Demand point '{p.Id}' has lon/lat ({p.Lon}, {p.Lat}) outside [-180,180]×[-90,90].", nameof(points));
            }

            if (!(p.Weight >= 0) || double.IsInfinity(p.Weight))
            {
                throw new ArgumentException($"Demand point '{p.Id}' has weight {p.Weight}; weights must be finite and ≥ 0.", nameof(points));
            }
        }

        var bands = bandsM ?? DefaultBandsM;
        if (bands.Count == 0)
        {
            throw new ArgumentException("At least one altitude band is needed.", nameof(bandsM));
        }

        for (int i = 0; i < bands.Count; i++)
        {
            if (!(bands[i] >= 0) || double.IsInfinity(bands[i]))
            {
                throw new ArgumentException($"Altitude band {i} is {bands[i]} m; target altitudes must be finite and ≥ 0 m.", nameof(bandsM));
            }

            if (i > 0 && bands[i] <= bands[i - 1])
            {
                throw new ArgumentException($"Altitude bands must be strictly ascending; {bands[i]} m follows {bands[i - 1]} m.", nameof(bandsM));
            }
        }

        if (!(minGapAreaKm2 >= 0) || double.IsInfinity(minGapAreaKm2))
        {
            throw new ArgumentException($"Minimum gap area must be finite and ≥ 0 km², was {minGapAreaKm2}.", nameof(minGapAreaKm2));
        }

        return new CoverageProblem([.. assets], airspace, coastalZone, coastline, [.. zones], [.. pts], [.. bands], minGapAreaKm2);
    }

    /// <summary>The same problem with another asset list (assets validated by the caller).</summary>
    internal CoverageProblem WithAssetList(IReadOnlyList<CoverageAsset> assets)
        => new(assets, Airspace, CoastalZone, Coastline, PriorityZones, Points, BandsM, MinGapAreaKm2);

    internal static void ValidateAsset(CoverageAsset a)
    {
        if (string.IsNullOrWhiteSpace(a.Id))
        {
            throw new ArgumentException("An asset has an empty id.", nameof(a));
        }

        if (string.IsNullOrWhiteSpace(a.HubId))
        {
            throw new ArgumentException($"Asset '{a.Id}' has an empty hub id.", nameof(a));
        }

        if (!IsLonLat(a.Lon, a.Lat))
        {
            throw new ArgumentException($"Asset '{a.Id}' has lon/lat ({a.Lon}, {a.Lat}) outside [-180,180]×[-90,90].", nameof(a));
        }

        if (!(a.AirRadiusKm >= 0) || !(a.CoastalRadiusKm >= 0) || a.AirRadiusKm > 2_000 || a.CoastalRadiusKm > 2_000)
        {
            throw new ArgumentException(
                $"Asset '{a.Id}' has radii air {a.AirRadiusKm} km / coastal {a.CoastalRadiusKm} km; radii must lie in [0, 2000] km.", nameof(a));
        }

        if (!(a.SensorHeightM >= 0) || a.SensorHeightM > 100_000)
        {
            throw new ArgumentException($"Asset '{a.Id}' has sensor height {a.SensorHeightM} m; it must lie in [0, 100000] m.", nameof(a));
        }
    }

    private static bool IsLonLat(double lon, double lat) => lon is >= -180 and <= 180 && lat is >= -90 and <= 90;

    private static void RequirePolygonal(Geometry g, string what, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (g.IsEmpty)
        {
            if (!allowEmpty)
            {
                throw new ArgumentException($"The {what} is empty.", nameof(g));
            }

            return;
        }

        if (g is not IPolygonal)
        {
            throw new ArgumentException($"The {what} must be a Polygon or MultiPolygon, got {g.GeometryType}.", nameof(g));
        }

        RequireLonLat(g, what);
    }

    private static void RequireLonLat(Geometry g, string what)
    {
        var env = g.EnvelopeInternal;
        if (!g.IsEmpty && (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90))
        {
            throw new ArgumentException($"The {what} is not in lon/lat degrees (envelope {env}).", nameof(g));
        }
    }
}

/// <summary>Tuning of the coverage stage.</summary>
/// <param name="MaxK">Report the area covered at least k times for k = 1..MaxK.</param>
/// <param name="MaxBoundaryDeviationM">Disc polygons stay within this distance (m) of the true circle.</param>
/// <param name="MaxRelativeBoundaryDeviation">…and within this fraction of the radius.</param>
/// <param name="IncludeLayers">Build lon/lat layers (covered area per band) for GeoJSON; gaps always carry geometry.</param>
/// <param name="MaxGaps">Report at most this many gaps per band and domain (largest first).</param>
public sealed record CoverageOptions(
    int MaxK = 3,
    double MaxBoundaryDeviationM = GeodesicDisc.DefaultMaxDeviationM,
    double MaxRelativeBoundaryDeviation = GeodesicDisc.DefaultMaxRelativeDeviation,
    bool IncludeLayers = true,
    int MaxGaps = 100)
{
    /// <summary>The defaults.</summary>
    public static CoverageOptions Default { get; } = new();

    internal void Validate()
    {
        if (MaxK < 1 || MaxK > 64)
        {
            throw new ArgumentException($"MaxK must lie in [1, 64], was {MaxK}.");
        }

        if (!(MaxBoundaryDeviationM > 0) || !(MaxRelativeBoundaryDeviation > 0) || MaxRelativeBoundaryDeviation >= 0.1)
        {
            throw new ArgumentException("Boundary deviation caps must be > 0 (relative < 0.1).");
        }

        if (MaxGaps < 0)
        {
            throw new ArgumentException($"MaxGaps must be ≥ 0, was {MaxGaps}.");
        }
    }
}

/// <summary>Progress of the coverage stage: which step, and how many of the band×domain layers are done.</summary>
public sealed record CoverageProgress(string Step, int Done, int Total);
