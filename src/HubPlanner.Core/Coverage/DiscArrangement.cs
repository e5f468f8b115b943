using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

namespace HubPlanner.Core.Coverage;

/// <summary>A disc of one asset in the metric plane.</summary>
internal readonly record struct Disc(int Asset, Polygon Metric);

/// <summary>One face of the arrangement, inside the region: every point of it is covered by exactly <see cref="Cover"/>.</summary>
/// <param name="ZoneWeight">Σ weights of the priority zones containing the face.</param>
/// <param name="Cover">Asset indices of the discs covering the face, ascending.</param>
internal sealed record Face(Polygon Geometry, double AreaM2, double ZoneWeight, int[] Cover);

/// <summary>
/// The region of one domain in the metric plane, with what every arrangement of it needs: a point locator,
/// priority zones and demand points, all projected once.
/// </summary>
internal sealed class RegionContext
{
    public RegionContext(Geometry regionMetric, IReadOnlyList<(Geometry Metric, double Weight)> zones, IReadOnlyList<Coordinate> pointsMetric)
    {
        Metric = regionMetric;
        AreaM2 = regionMetric.Area;
        Prepared = PreparedGeometryFactory.Prepare(regionMetric);
        Locator = new IndexedPointInAreaLocator(regionMetric);
        Zones = zones;
        ZoneLocators = zones.Select(z => new IndexedPointInAreaLocator(z.Metric)).ToArray();
        PointsMetric = pointsMetric;
        PointInRegion = pointsMetric.Select(p => !regionMetric.IsEmpty && Locator.Locate(p) != Location.Exterior).ToArray();
    }

    public Geometry Metric { get; }

    public double AreaM2 { get; }

    public IPreparedGeometry Prepared { get; }

    public IndexedPointInAreaLocator Locator { get; }

    public IReadOnlyList<(Geometry Metric, double Weight)> Zones { get; }

    public IndexedPointInAreaLocator[] ZoneLocators { get; }

    public IReadOnlyList<Coordinate> PointsMetric { get; }

    public bool[] PointInRegion { get; }

    public double ZoneWeightAt(Coordinate p)
    {
        double w = 0;
        for (int z = 0; z < ZoneLocators.Length; z++)
        {
            if (ZoneLocators[z].Locate(p) != Location.Exterior)
            {
                w += Zones[z].Weight;
            }
        }

        return w;
    }
}

/// <summary>
/// The arrangement of a set of discs over a region: the region cut into faces by every disc boundary (and by
/// the region's and priority zones' own boundaries), each face labelled with the discs covering it. All
/// aggregate questions (k-coverage, per-hub loss, gaps, weighted demand) are then sums over faces, and a
/// what-if removal only relabels faces.
/// </summary>
/// <remarks>
/// Built by noding all boundaries at once (one OverlayNG union of the linework), polygonizing, and testing
/// an interior point of each face against the discs found by an STR-tree. Cost ~ O((V + I) log V) for V
/// boundary vertices and I crossings, instead of 2^n intersections.
/// </remarks>
internal sealed class DiscArrangement
{
    private DiscArrangement(Face[] faces, int[]?[] pointCover, bool cleanCoverage)
    {
        Faces = faces;
        PointCover = pointCover;
        IsCleanCoverage = cleanCoverage;
    }

    /// <summary>Faces inside the region.</summary>
    public Face[] Faces { get; }

    /// <summary>Per demand point: the covering assets, or null if the point lies outside the region.</summary>
    public int[]?[] PointCover { get; }

    /// <summary>True when faces share exactly noded edges (built by polygonizing), so CoverageUnion applies.</summary>
    public bool IsCleanCoverage { get; }

    public static DiscArrangement Build(IReadOnlyList<Disc> discs, RegionContext region, CancellationToken ct)
    {
        var factory = GeoFactory.Metric;
        if (region.Metric.IsEmpty)
        {
            return new DiscArrangement([], new int[]?[region.PointsMetric.Count], cleanCoverage: true);
        }

        var lines = new List<Geometry>();
        AddLinework(region.Metric, lines);
        foreach (var (zone, _) in region.Zones)
        {
            AddLinework(zone, lines);
        }

        // Only discs touching the region matter; of those, only boundaries crossing it cut faces (a disc holding
        // the whole region covers every face without cutting any).
        var relevant = new List<Disc>(discs.Count);
        var index = new STRtree<Disc>();
        foreach (var d in discs)
        {
            if (!region.Metric.EnvelopeInternal.Intersects(d.Metric.EnvelopeInternal) || !region.Prepared.Intersects(d.Metric))
            {
                continue;
            }

            relevant.Add(d);
            index.Insert(d.Metric.EnvelopeInternal, d);
            if (region.Prepared.Intersects(d.Metric.ExteriorRing))
            {
                lines.Add(d.Metric.ExteriorRing);
            }
        }

        index.Build();
        ct.ThrowIfCancellationRequested();

        var noded = OverlayNGRobust.Union(factory.BuildGeometry(lines));
        ct.ThrowIfCancellationRequested();
        var polygonizer = new Polygonizer(extractOnlyPolygonal: false);
        polygonizer.Add(noded);
        var polygons = polygonizer.GetPolygons();

        var faces = new List<Face>(polygons.Count);
        var cover = new List<int>();
        int counter = 0;
        foreach (var g in polygons)
        {
            if ((++counter & 255) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var face = (Polygon)g;
            var p = InteriorPointArea.GetInteriorPoint(face);
            if (p is null || region.Locator.Locate(p) == Location.Exterior)
            {
                continue;
            }

            cover.Clear();
            CollectCover(index, p, cover);
            cover.Sort();
            faces.Add(new Face(face, face.Area, region.ZoneWeightAt(p), [.. cover]));
        }

        var pointCover = new int[]?[region.PointsMetric.Count];
        for (int i = 0; i < pointCover.Length; i++)
        {
            if (region.PointInRegion[i])
            {
                cover.Clear();
                CollectCover(index, region.PointsMetric[i], cover);
                cover.Sort();
                pointCover[i] = [.. cover];
            }
        }

        return new DiscArrangement([.. faces], pointCover, cleanCoverage: true);
    }

    /// <summary>
    /// The arrangement with more discs: only faces the new discs touch are split (face ∩ disc, face − disc);
    /// every other face is kept as is. Cost grows with the faces the new discs cross, not with all discs.
    /// </summary>
    public DiscArrangement WithDiscs(IReadOnlyList<Disc> added, RegionContext region, CancellationToken ct)
    {
        if (added.Count == 0 || Faces.Length == 0)
        {
            return this;
        }

        var faces = new List<Face>(Faces);
        var pointCover = (int[]?[])PointCover.Clone();
        foreach (var d in added)
        {
            ct.ThrowIfCancellationRequested();
            var env = d.Metric.EnvelopeInternal;
            if (!region.Metric.EnvelopeInternal.Intersects(env))
            {
                continue;
            }

            var prepared = PreparedGeometryFactory.Prepare(d.Metric);
            var next = new List<Face>(faces.Count + 16);
            foreach (var f in faces)
            {
                if (!env.Intersects(f.Geometry.EnvelopeInternal) || !prepared.Intersects(f.Geometry))
                {
                    next.Add(f);
                }
                else if (prepared.Contains(f.Geometry))
                {
                    next.Add(f with { Cover = Insert(f.Cover, d.Asset) });
                }
                else
                {
                    var inside = OverlayNGRobust.Overlay(f.Geometry, d.Metric, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
                    var outside = OverlayNGRobust.Overlay(f.Geometry, d.Metric, NetTopologySuite.Operation.Overlay.SpatialFunction.Difference);
                    int[] coverIn = Insert(f.Cover, d.Asset);
                    foreach (var poly in Polygons(inside))
                    {
                        next.Add(new Face(poly, poly.Area, f.ZoneWeight, coverIn));
                    }

                    foreach (var poly in Polygons(outside))
                    {
                        next.Add(new Face(poly, poly.Area, f.ZoneWeight, f.Cover));
                    }
                }
            }

            faces = next;
            for (int i = 0; i < pointCover.Length; i++)
            {
                var pc = pointCover[i];
                if (pc is not null && env.Contains(region.PointsMetric[i]) &&
                    RayCrossingCounter.LocatePointInRing(region.PointsMetric[i], d.Metric.ExteriorRing.CoordinateSequence) != Location.Exterior)
                {
                    pointCover[i] = Insert(pc, d.Asset);
                }
            }
        }

        return new DiscArrangement([.. faces], pointCover, cleanCoverage: false);
    }

    private static void CollectCover(STRtree<Disc> index, Coordinate p, List<int> cover)
    {
        foreach (var d in index.Query(new Envelope(p)))
        {
            if (RayCrossingCounter.LocatePointInRing(p, d.Metric.ExteriorRing.CoordinateSequence) != Location.Exterior)
            {
                cover.Add(d.Asset);
            }
        }
    }

    private static int[] Insert(int[] sorted, int value)
    {
        int pos = Array.BinarySearch(sorted, value);
        if (pos >= 0)
        {
            return sorted;
        }

        pos = ~pos;
        var result = new int[sorted.Length + 1];
        Array.Copy(sorted, result, pos);
        result[pos] = value;
        Array.Copy(sorted, pos, result, pos + 1, sorted.Length - pos);
        return result;
    }

    private static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon { IsEmpty: false } p && p.Area > 0)
            {
                yield return p;
            }
        }
    }

    private static void AddLinework(Geometry polygonal, List<Geometry> lines)
    {
        for (int i = 0; i < polygonal.NumGeometries; i++)
        {
            if (polygonal.GetGeometryN(i) is Polygon p && !p.IsEmpty)
            {
                lines.Add(p.ExteriorRing);
                for (int h = 0; h < p.NumInteriorRings; h++)
                {
                    lines.Add(p.GetInteriorRingN(h));
                }
            }
        }
    }
}
