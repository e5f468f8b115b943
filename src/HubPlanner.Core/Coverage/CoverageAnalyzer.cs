using System.Collections.Concurrent;
using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.Core.Coverage;

/// <summary>
/// The coverage stage: geodesic discs per asset and altitude band, their arrangement over the airspace and the
/// coastal zone, and the report (coverage %, k-redundancy, coastline, gaps, per-hub loss, weighted demand).
/// </summary>
public static class CoverageAnalyzer
{
    /// <summary>
    /// Computes the coverage of <paramref name="problem"/>. The returned analysis holds the report and the
    /// arrangements, so that what-if edits (<see cref="CoverageAnalysis.WithoutHub"/>,
    /// <see cref="CoverageAnalysis.WithAssets"/>) update it without starting over.
    /// </summary>
    public static CoverageAnalysis Analyze(
        CoverageProblem problem,
        CoverageOptions? options = null,
        IProgress<CoverageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= CoverageOptions.Default;
        options.Validate();
        var shared = CoverageContext.Create(problem, options);
        return CoverageAnalysis.Build(shared, problem, progress, cancellationToken);
    }

    /// <summary>Convenience: <see cref="Analyze"/> and return only the report.</summary>
    public static CoverageReport Run(
        CoverageProblem problem,
        CoverageOptions? options = null,
        IProgress<CoverageProgress>? progress = null,
        CancellationToken cancellationToken = default)
        => Analyze(problem, options, progress, cancellationToken).Report;
}

/// <summary>
/// The problem-wide, immutable part of an analysis: projected regions, zones, points, the coastline, and a
/// cache of disc polygons shared by every band and every what-if descended from the same analysis.
/// </summary>
internal sealed class CoverageContext
{
    private readonly ConcurrentDictionary<(double Lon, double Lat, double RadiusM), DiscShape> _discs = new();

    private CoverageContext(CoverageOptions options, RegionContext airspace, RegionContext coastal, Geometry coastMetric,
        double coastLengthKm, IReadOnlyList<WeightedPoint> points)
    {
        Options = options;
        Airspace = airspace;
        Coastal = coastal;
        CoastMetric = coastMetric;
        CoastLengthKm = coastLengthKm;
        Points = points;
    }

    public CoverageOptions Options { get; }

    public RegionContext Airspace { get; }

    public RegionContext Coastal { get; }

    public Geometry CoastMetric { get; }

    public double CoastLengthKm { get; }

    public IReadOnlyList<WeightedPoint> Points { get; }

    public RegionContext Region(CoverageDomain domain) => domain == CoverageDomain.Airspace ? Airspace : Coastal;

    public static CoverageContext Create(CoverageProblem problem, CoverageOptions options)
    {
        var projection = UkraineEqualArea.Instance;
        var zones = problem.PriorityZones.Select(z => (ProjectPolygonal(z.Polygon), z.Weight)).ToArray();
        var points = problem.Points.Select(p =>
        {
            var (x, y) = projection.Forward(p.Lon, p.Lat);
            return new Coordinate(x, y);
        }).ToArray();
        var airspace = new RegionContext(ProjectPolygonal(problem.Airspace), zones, points);
        var coastal = new RegionContext(ProjectPolygonal(problem.CoastalZone), zones, points);
        var coastMetric = problem.Coastline.IsEmpty ? GeoFactory.Metric.CreateMultiLineString() : projection.Project(problem.Coastline);
        double coastKm = LineLengthKm(problem.Coastline);
        return new CoverageContext(options, airspace, coastal, coastMetric, coastKm, problem.Points);
    }

    /// <summary>The metric disc of radius <paramref name="radiusM"/> around a point, built once per (centre, radius).</summary>
    public DiscShape Disc(double lon, double lat, double radiusM)
        => _discs.GetOrAdd((lon, lat, radiusM), key =>
        {
            var polygon = GeodesicDisc.MetricPolygon(key.Lon, key.Lat, key.RadiusM,
                GeodesicDisc.VertexCount(key.RadiusM, Options.MaxBoundaryDeviationM, Options.MaxRelativeBoundaryDeviation));
            var (x, y) = UkraineEqualArea.Instance.Forward(key.Lon, key.Lat);
            return new DiscShape(polygon, new Coordinate(x, y));
        });

    /// <summary>Geodesic length (km) of every line of a lon/lat lineal geometry.</summary>
    public static double LineLengthKm(Geometry lonLat)
    {
        double m = 0;
        for (int i = 0; i < lonLat.NumGeometries; i++)
        {
            if (lonLat.GetGeometryN(i) is LineString line)
            {
                m += Wgs84Geodesic.PolylineLength(line.Coordinates);
            }
        }

        return m / 1000;
    }

    private static Geometry ProjectPolygonal(Geometry lonLat)
    {
        if (lonLat.IsEmpty)
        {
            return GeoFactory.Metric.CreatePolygon();
        }

        var metric = UkraineEqualArea.Instance.Project(lonLat);
        // Delivered borders are often slightly invalid (self-touching rings); overlay needs valid input.
        return metric.IsValid ? metric : GeometryFixer.Fix(metric);
    }
}

/// <summary>
/// A computed coverage: the <see cref="Report"/> plus the face arrangements behind it, for fast what-if edits.
/// Immutable: every edit returns a new analysis and leaves this one as it was.
/// </summary>
public sealed class CoverageAnalysis
{
    private static readonly CoverageDomain[] Domains = [CoverageDomain.Airspace, CoverageDomain.Coastal];

    private readonly CoverageContext _context;
    private readonly CoverageAsset[] _assets;
    private readonly bool[] _active;
    private readonly int[] _assetHub;
    private readonly string[] _hubIds;

    /// <summary>Arrangement per [band, domain]; equal references where the band radii are equal (per-band reuse).</summary>
    private readonly DiscArrangement[,] _arrangements;

    private CoverageAnalysis(CoverageContext context, CoverageProblem problem, CoverageAsset[] assets, bool[] active,
        int[] assetHub, string[] hubIds, DiscArrangement[,] arrangements, IProgress<CoverageProgress>? progress, CancellationToken ct)
    {
        _context = context;
        Problem = problem;
        _assets = assets;
        _active = active;
        _assetHub = assetHub;
        _hubIds = hubIds;
        _arrangements = arrangements;
        Report = BuildReport(progress, ct);
    }

    /// <summary>The problem this analysis answers (after any what-if edits).</summary>
    public CoverageProblem Problem { get; }

    /// <summary>The coverage report.</summary>
    public CoverageReport Report { get; }

    /// <summary>Options in force.</summary>
    public CoverageOptions Options => _context.Options;

    internal static CoverageAnalysis Build(CoverageContext context, CoverageProblem problem, IProgress<CoverageProgress>? progress, CancellationToken ct)
    {
        var assets = problem.Assets.ToArray();
        var hubIds = new List<string>();
        var hubIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var assetHub = new int[assets.Length];
        for (int i = 0; i < assets.Length; i++)
        {
            if (!hubIndex.TryGetValue(assets[i].HubId, out int h))
            {
                h = hubIds.Count;
                hubIndex[assets[i].HubId] = h;
                hubIds.Add(assets[i].HubId);
            }

            assetHub[i] = h;
        }

        // Per-band reuse: bands whose effective radii are all equal (range-limited assets) share one arrangement.
        var bands = problem.BandsM;
        var jobs = new List<(CoverageDomain Domain, double[] Radii, List<int> Bands)>();
        foreach (var domain in Domains)
        {
            for (int b = 0; b < bands.Count; b++)
            {
                var radii = assets.Select(a => EffectiveRadiusM(a, domain, bands[b])).ToArray();
                int j = jobs.FindIndex(x => x.Domain == domain && x.Radii.AsSpan().SequenceEqual(radii));
                if (j < 0)
                {
                    jobs.Add((domain, radii, [b]));
                }
                else
                {
                    jobs[j].Bands.Add(b);
                }
            }
        }

        var built = new DiscArrangement[jobs.Count];
        int done = 0;
        RunParallel(jobs.Count, j =>
        {
            var (domain, radii, _) = jobs[j];
            built[j] = DiscArrangement.Build(MakeDiscs(context, assets, radii, 0), context.Region(domain), ct);
            progress?.Report(new CoverageProgress($"arrangement {domain}", Interlocked.Increment(ref done), jobs.Count));
        }, ct);

        var arrangements = new DiscArrangement[bands.Count, Domains.Length];
        for (int j = 0; j < jobs.Count; j++)
        {
            foreach (int b in jobs[j].Bands)
            {
                arrangements[b, (int)jobs[j].Domain] = built[j];
            }
        }

        var active = Enumerable.Repeat(true, assets.Length).ToArray();
        return new CoverageAnalysis(context, problem, assets, active, assetHub, [.. hubIds], arrangements, progress, ct);
    }

    /// <summary>
    /// What if hub <paramref name="hubId"/> (all its assets) is lost: the arrangement is kept and its faces are
    /// relabelled without the hub's discs, then re-aggregated. Same report as a full recomputation.
    /// </summary>
    /// <exception cref="ArgumentException">If no active asset belongs to that hub.</exception>
    public CoverageAnalysis WithoutHub(string hubId, IProgress<CoverageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hubId);
        var active = (bool[])_active.Clone();
        bool any = false;
        for (int i = 0; i < _assets.Length; i++)
        {
            if (active[i] && _hubIds[_assetHub[i]] == hubId)
            {
                active[i] = false;
                any = true;
            }
        }

        if (!any)
        {
            throw new ArgumentException($"Hub '{hubId}' has no assets in this analysis.", nameof(hubId));
        }

        var problem = Problem.WithAssetList(ActiveAssets(active));
        return new CoverageAnalysis(_context, problem, _assets, active, _assetHub, _hubIds, _arrangements, progress, cancellationToken);
    }

    /// <summary>
    /// What if these assets are added (a new hub, or more equipment at a hub): only the faces the new discs touch
    /// are split; everything else is kept. Same report as a full recomputation, up to floating-point noise.
    /// </summary>
    /// <exception cref="ArgumentException">If an asset is invalid or its id is already in use.</exception>
    public CoverageAnalysis WithAssets(IReadOnlyList<CoverageAsset> added, IProgress<CoverageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        var ids = new HashSet<string>(Problem.Assets.Select(a => a.Id), StringComparer.Ordinal);
        foreach (var a in added)
        {
            ArgumentNullException.ThrowIfNull(a);
            CoverageProblem.ValidateAsset(a);
            if (!ids.Add(a.Id))
            {
                throw new ArgumentException($"Asset id '{a.Id}' is already in use.", nameof(added));
            }
        }

        int first = _assets.Length;
        var assets = _assets.Concat(added).ToArray();
        var active = _active.Concat(Enumerable.Repeat(true, added.Count)).ToArray();
        var hubIds = _hubIds.ToList();
        var assetHub = _assetHub.Concat(added.Select(a =>
        {
            int h = hubIds.IndexOf(a.HubId);
            if (h < 0)
            {
                h = hubIds.Count;
                hubIds.Add(a.HubId);
            }

            return h;
        })).ToArray();

        var bands = Problem.BandsM;
        // One update per distinct (old arrangement, new radii): bands that shared an arrangement keep sharing it.
        var jobs = new List<(CoverageDomain Domain, DiscArrangement Old, double[] Radii, List<int> Bands)>();
        foreach (var domain in Domains)
        {
            for (int b = 0; b < bands.Count; b++)
            {
                var old = _arrangements[b, (int)domain];
                var radii = added.Select(a => EffectiveRadiusM(a, domain, bands[b])).ToArray();
                int j = jobs.FindIndex(x => ReferenceEquals(x.Old, old) && x.Radii.AsSpan().SequenceEqual(radii));
                if (j < 0)
                {
                    jobs.Add((domain, old, radii, [b]));
                }
                else
                {
                    jobs[j].Bands.Add(b);
                }
            }
        }

        var updated = new DiscArrangement[jobs.Count];
        RunParallel(jobs.Count, j =>
        {
            var (domain, old, radii, _) = jobs[j];
            updated[j] = old.WithDiscs(MakeDiscs(_context, added, radii, first), _context.Region(domain), cancellationToken);
        }, cancellationToken);

        var arrangements = new DiscArrangement[bands.Count, Domains.Length];
        for (int j = 0; j < jobs.Count; j++)
        {
            foreach (int b in jobs[j].Bands)
            {
                arrangements[b, (int)jobs[j].Domain] = updated[j];
            }
        }

        var problem = Problem.WithAssetList(ActiveAssets(assets, active));
        return new CoverageAnalysis(_context, problem, assets, active, assetHub, [.. hubIds], arrangements, progress, cancellationToken);
    }

    /// <summary>Runs independent layers on the available cores; surfaces the first failure as itself, not wrapped.</summary>
    private static void RunParallel(int count, Action<int> body, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, body);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    private CoverageAsset[] ActiveAssets(bool[] active) => ActiveAssets(_assets, active);

    private static CoverageAsset[] ActiveAssets(CoverageAsset[] assets, bool[] active)
        => assets.Where((_, i) => active[i]).ToArray();

    internal static double EffectiveRadiusM(CoverageAsset a, CoverageDomain domain, double targetAltitudeM)
    {
        double nominal = domain == CoverageDomain.Airspace ? a.AirRadiusKm : a.CoastalRadiusKm;
        return RadarHorizon.EffectiveRadiusKm(nominal, a.SensorHeightM, targetAltitudeM) * 1000;
    }

    private static List<Disc> MakeDiscs(CoverageContext context, IReadOnlyList<CoverageAsset> assets, double[] radii, int firstIndex)
    {
        var discs = new List<Disc>(assets.Count);
        for (int i = 0; i < assets.Count; i++)
        {
            if (radii[i] > 0)
            {
                discs.Add(new Disc(firstIndex + i, context.Disc(assets[i].Lon, assets[i].Lat, radii[i])));
            }
        }

        return discs;
    }

    private CoverageReport BuildReport(IProgress<CoverageProgress>? progress, CancellationToken ct)
    {
        var bands = Problem.BandsM;
        var activeHubs = Enumerable.Range(0, _assets.Length).Where(i => _active[i]).Select(i => _assetHub[i]).Distinct().ToArray();
        var hubLocation = new Dictionary<int, (double Lon, double Lat)>();
        for (int i = 0; i < _assets.Length; i++)
        {
            if (_active[i])
            {
                hubLocation.TryAdd(_assetHub[i], (_assets[i].Lon, _assets[i].Lat));
            }
        }

        var unique = new List<(DiscArrangement Arrangement, CoverageDomain Domain, int Band)>();
        var seen = new HashSet<DiscArrangement>(ReferenceEqualityComparer.Instance);
        for (int b = 0; b < bands.Count; b++)
        {
            foreach (var domain in Domains)
            {
                if (seen.Add(_arrangements[b, (int)domain]))
                {
                    unique.Add((_arrangements[b, (int)domain], domain, b));
                }
            }
        }

        var aggregated = new DomainCoverage[unique.Count];
        int done = 0;
        RunParallel(unique.Count, u =>
        {
            var (arrangement, domain, b) = unique[u];
            aggregated[u] = Aggregate(arrangement, domain, bands[b], activeHubs, hubLocation);
            progress?.Report(new CoverageProgress($"report {domain}", Interlocked.Increment(ref done), unique.Count));
        }, ct);

        var byArrangement = new Dictionary<DiscArrangement, DomainCoverage>(ReferenceEqualityComparer.Instance);
        for (int u = 0; u < unique.Count; u++)
        {
            byArrangement[unique[u].Arrangement] = aggregated[u];
        }

        var result = new CoverageByBand[bands.Count];
        for (int b = 0; b < bands.Count; b++)
        {
            result[b] = new CoverageByBand(bands[b], byArrangement[_arrangements[b, 0]], byArrangement[_arrangements[b, 1]]);
        }

        var hubs = activeHubs.Select(h => _hubIds[h]).Order(StringComparer.Ordinal).ToArray();
        return new CoverageReport(result, hubs, Problem.Assets.Count, Notes());
    }

    private List<CoverageNote> Notes()
    {
        var notes = new List<CoverageNote>();
        double top = Problem.BandsM[^1];
        for (int i = 0; i < _assets.Length; i++)
        {
            if (!_active[i])
            {
                continue;
            }

            var a = _assets[i];
            if (a.AirRadiusKm <= 0 && a.CoastalRadiusKm <= 0)
            {
                notes.Add(new CoverageNote(a.Id, $"Asset '{a.Id}' at hub '{a.HubId}' has no air or coastal range; it covers nothing."));
                continue;
            }

            double r = EffectiveRadiusM(a, CoverageDomain.Airspace, top);
            if (r > 0 && !_context.Airspace.Metric.IsEmpty && !_context.Airspace.Prepared.Intersects(_context.Disc(a.Lon, a.Lat, r).Metric))
            {
                notes.Add(new CoverageNote(a.Id, string.Create(CultureInfo.InvariantCulture,
                    $"Asset '{a.Id}' at hub '{a.HubId}' reaches no airspace: even at {top:0} m its {r / 1000:0.#} km disc stays outside the border.")));
            }
        }

        return notes;
    }

    private DomainCoverage Aggregate(DiscArrangement arrangement, CoverageDomain domain, double band, int[] activeHubs,
        Dictionary<int, (double Lon, double Lat)> hubLocation)
    {
        var region = _context.Region(domain);
        int maxK = _context.Options.MaxK;
        double covered = 0, zoneTotal = 0, zoneCovered = 0;
        var atLeast = new double[maxK];
        var lossArea = new double[_hubIds.Length];
        var lossZone = new double[_hubIds.Length];
        var lossPoint = new double[_hubIds.Length];
        var gapFaces = new List<Geometry>();
        var coveredFaces = new List<Geometry>();
        foreach (var face in arrangement.Faces)
        {
            var (count, hub, single) = Count(face.Cover);
            double km2 = face.AreaM2 / 1e6;
            zoneTotal += km2 * face.ZoneWeight;
            if (count == 0)
            {
                gapFaces.Add(face.Geometry);
                continue;
            }

            coveredFaces.Add(face.Geometry);
            covered += km2;
            zoneCovered += km2 * face.ZoneWeight;
            for (int k = 0; k < Math.Min(count, maxK); k++)
            {
                atLeast[k] += km2;
            }

            if (single)
            {
                lossArea[hub] += km2;
                lossZone[hub] += km2 * face.ZoneWeight;
            }
        }

        double pointTotal = 0, pointCovered = 0;
        var uncoveredPoints = new List<string>();
        for (int i = 0; i < arrangement.PointCover.Length; i++)
        {
            var pc = arrangement.PointCover[i];
            if (pc is null)
            {
                continue;
            }

            double w = _context.Points[i].Weight;
            pointTotal += w;
            var (count, hub, single) = Count(pc);
            if (count == 0)
            {
                uncoveredPoints.Add(_context.Points[i].Id);
                continue;
            }

            pointCovered += w;
            if (single)
            {
                lossPoint[hub] += w;
            }
        }

        double regionKm2 = region.AreaM2 / 1e6;
        double Percent(double km2) => regionKm2 > 0 ? 100 * km2 / regionKm2 : 0;
        string where = domain == CoverageDomain.Airspace ? "airspace" : "coastal zone";
        string bandText = string.Create(CultureInfo.InvariantCulture, $"{band:0} m");

        var losses = activeHubs.Select(h => new LossIfHubLost(
                _hubIds[h], lossArea[h], Percent(lossArea[h]), lossZone[h], lossPoint[h],
                lossArea[h] <= 0 && lossPoint[h] <= 0
                    ? $"Every part of the {where} that hub '{_hubIds[h]}' covers against targets at {bandText} is also covered by another hub."
                    : string.Create(CultureInfo.InvariantCulture,
                        $"Losing hub '{_hubIds[h]}' uncovers {lossArea[h]:N0} km² ({Percent(lossArea[h]):0.##} %) of the {where} against targets at {bandText}") +
                        (lossPoint[h] > 0 ? string.Create(CultureInfo.InvariantCulture, $" and demand points of weight {lossPoint[h]:0.##}.") : ".")))
            .OrderByDescending(l => l.LostAreaKm2).ThenBy(l => l.HubId, StringComparer.Ordinal)
            .ToArray();

        var uncoveredKm2 = Math.Max(0, regionKm2 - covered);
        var gaps = Gaps(gapFaces, arrangement.IsCleanCoverage, where, bandText, activeHubs, hubLocation);
        var coastline = domain == CoverageDomain.Coastal ? CoastlineCoverage(band) : null;
        Geometry? layer = _context.Options.IncludeLayers
            ? UkraineEqualArea.Instance.Unproject(Union(coveredFaces, arrangement.IsCleanCoverage))
            : null;

        return new DomainCoverage(
            domain,
            regionKm2,
            covered,
            Percent(covered),
            atLeast.Select((a, k) => new KCoverage(k + 1, a, Percent(a))).ToArray(),
            coastline,
            gaps,
            uncoveredKm2,
            losses,
            new DemandCoverage(zoneTotal, zoneCovered, pointTotal, pointCovered, uncoveredPoints),
            arrangement.Faces.Length,
            layer);
    }

    /// <summary>Active discs over a face: how many, and whether they all belong to one hub (which).</summary>
    private (int Count, int Hub, bool SingleHub) Count(int[] cover)
    {
        int count = 0, hub = -1;
        bool single = true;
        foreach (int a in cover)
        {
            if (!_active[a])
            {
                continue;
            }

            count++;
            int h = _assetHub[a];
            if (hub < 0)
            {
                hub = h;
            }
            else if (hub != h)
            {
                single = false;
            }
        }

        return (count, hub, single && count > 0);
    }

    private List<UncoveredArea> Gaps(List<Geometry> gapFaces, bool clean, string where, string bandText, int[] activeHubs,
        Dictionary<int, (double Lon, double Lat)> hubLocation)
    {
        var gaps = new List<UncoveredArea>();
        if (gapFaces.Count == 0)
        {
            return gaps;
        }

        var union = Union(gapFaces, clean);
        var pieces = new List<Polygon>();
        for (int i = 0; i < union.NumGeometries; i++)
        {
            if (union.GetGeometryN(i) is Polygon p && p.Area / 1e6 >= Problem.MinGapAreaKm2 && p.Area > 0)
            {
                pieces.Add(p);
            }
        }

        var projection = UkraineEqualArea.Instance;
        foreach (var p in pieces.OrderByDescending(p => p.Area).Take(_context.Options.MaxGaps))
        {
            var c = p.Centroid.Coordinate;
            var (lon, lat) = projection.Inverse(c.X, c.Y);
            string? nearest = null;
            double best = double.PositiveInfinity;
            foreach (int h in activeHubs)
            {
                var (hl, ht) = hubLocation[h];
                double d = Wgs84Geodesic.Distance(lon, lat, hl, ht);
                if (d < best)
                {
                    best = d;
                    nearest = _hubIds[h];
                }
            }

            double km2 = p.Area / 1e6;
            double? distKm = nearest is null ? null : best / 1000;
            string sentence = string.Create(CultureInfo.InvariantCulture,
                $"{km2:N0} km² of the {where} around {lat:0.00}° N {lon:0.00}° E are not covered against targets at {bandText}") +
                (nearest is null ? "; there is no hub." : string.Create(CultureInfo.InvariantCulture, $"; the nearest hub is '{nearest}', {distKm:0} km away."));
            gaps.Add(new UncoveredArea(gaps.Count + 1, km2, lon, lat, nearest, distKm, (Polygon)projection.Unproject(p), sentence));
        }

        return gaps;
    }

    private CoastlineCoverage? CoastlineCoverage(double band)
    {
        if (_context.CoastMetric.IsEmpty)
        {
            return new CoastlineCoverage(0, 0, 0);
        }

        var env = _context.CoastMetric.EnvelopeInternal;
        var discs = new List<Geometry>();
        for (int i = 0; i < _assets.Length; i++)
        {
            double r = _active[i] ? EffectiveRadiusM(_assets[i], CoverageDomain.Coastal, band) : 0;
            if (r > 0)
            {
                var disc = _context.Disc(_assets[i].Lon, _assets[i].Lat, r).Metric;
                if (disc.EnvelopeInternal.Intersects(env))
                {
                    discs.Add(disc);
                }
            }
        }

        double coveredKm = 0;
        if (discs.Count > 0)
        {
            var union = OverlayNGRobust.Union(discs);
            var pieces = OverlayNGRobust.Overlay(_context.CoastMetric, union, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
            coveredKm = CoverageContext.LineLengthKm(UkraineEqualArea.Instance.Unproject(pieces));
        }

        double total = _context.CoastLengthKm;
        return new CoastlineCoverage(total, Math.Min(coveredKm, total), total > 0 ? 100 * Math.Min(coveredKm, total) / total : 0);
    }

    private static Geometry Union(List<Geometry> faces, bool clean)
    {
        if (faces.Count == 0)
        {
            return GeoFactory.Metric.CreateMultiPolygon();
        }

        if (clean)
        {
            try
            {
                return NetTopologySuite.Coverage.CoverageUnion.Union([.. faces]);
            }
            catch (ArgumentException)
            {
                // Not an exact coverage after all (noding snapped a vertex): fall back to the general union.
            }
            catch (NetTopologySuite.Geometries.TopologyException)
            {
                // Same as above.
            }
        }

        return OverlayNGRobust.Union(faces);
    }
}
