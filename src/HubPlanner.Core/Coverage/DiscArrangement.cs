using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Noding;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

namespace HubPlanner.Core.Coverage;

/// <summary>
/// A disc polygon in the metric plane with its projected centre and two radii that bracket it: every point
/// closer to the centre than <see cref="InnerM"/> is inside, every point farther than <see cref="OuterM"/> is
/// outside; only the thin annulus between needs the exact point-in-ring test.
/// </summary>
internal sealed class DiscShape
{
    public DiscShape(Polygon metric, Coordinate centre)
    {
        Metric = metric;
        Centre = centre;
        var ring = metric.ExteriorRing.Coordinates;
        double inner = double.PositiveInfinity, outer = 0;
        for (int i = 1; i < ring.Length; i++)
        {
            outer = Math.Max(outer, centre.Distance(ring[i]));
            inner = Math.Min(inner, NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(centre, ring[i - 1], ring[i]));
        }

        // Guard bands of 1 mm keep the shortcut on the safe side of floating-point noise.
        InnerM = inner - 1e-3;
        OuterM = outer + 1e-3;
    }

    public Polygon Metric { get; }

    public Coordinate Centre { get; }

    public double InnerM { get; }

    public double OuterM { get; }

    public bool Covers(Coordinate p)
    {
        double d = Centre.Distance(p);
        if (d <= InnerM)
        {
            return true;
        }

        return d < OuterM && RayCrossingCounter.LocatePointInRing(p, Metric.ExteriorRing.CoordinateSequence) != Location.Exterior;
    }
}

/// <summary>A disc of one asset in the metric plane.</summary>
internal readonly record struct Disc(int Asset, DiscShape Shape)
{
    public Polygon Metric => Shape.Metric;
}

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
        var index = new STRtree<Disc>();
        var seenRings = new HashSet<DiscShape>(ReferenceEqualityComparer.Instance);
        foreach (var d in discs)
        {
            if (!region.Metric.EnvelopeInternal.Intersects(d.Metric.EnvelopeInternal) || !region.Prepared.Intersects(d.Metric))
            {
                continue;
            }

            index.Insert(d.Metric.EnvelopeInternal, d);
            // Co-located assets of equal effective radius share one shape: node its ring once.
            if (seenRings.Add(d.Shape) && region.Prepared.Intersects(d.Metric.ExteriorRing))
            {
                lines.Add(d.Metric.ExteriorRing);
            }
        }

        index.Build();
        ct.ThrowIfCancellationRequested();

        var swT = System.Diagnostics.Stopwatch.StartNew();
        var polygons = Polygonize(lines, region, fast: true, swT);
        if (polygons is null) { Timing.Fallbacks++; polygons = Polygonize(lines, region, fast: false, swT)!; }
        Timing.Polygonize += swT.Elapsed.TotalMilliseconds; swT.Restart();
        var faces = new List<Face>(polygons.Count);
        var cover = new List<int>();
        for (int i = 0; i < polygons.Count; i++)
        {
            if ((i & 255) == 255)
            {
                ct.ThrowIfCancellationRequested();
            }

            var (face, p) = polygons[i];
            cover.Clear();
            CollectCover(index, p, cover);
            cover.Sort();
            faces.Add(new Face(face, face.Area, region.ZoneWeightAt(p), [.. cover]));
        }

        Timing.Label += swT.Elapsed.TotalMilliseconds;
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
                if (pc is not null && env.Contains(region.PointsMetric[i]) && d.Shape.Covers(region.PointsMetric[i]))
                {
                    pointCover[i] = Insert(pc, d.Asset);
                }
            }
        }

        return new DiscArrangement([.. faces], pointCover, cleanCoverage: false);
    }

    /// <summary>
    /// Nodes the linework and polygonizes it. The fast way nodes with a plain floating-point MCIndexNoder; it
    /// is accepted only if the polygonizer found no dangles, cut edges or invalid rings (every input line is a
    /// closed ring, so any of these means the noding went wrong) and the faces inside the region add up to
    /// the region's area. Otherwise the robust OverlayNG union (with snapping fallbacks) nodes it.
    /// </summary>
    private static List<(Polygon Face, Coordinate InteriorPoint)>? Polygonize(List<Geometry> lines, RegionContext region, bool fast, System.Diagnostics.Stopwatch swT)
    {
        var factory = GeoFactory.Metric;
        // Ring validity checks cost O(n log n) per ring; the fast path is verified by areas below instead.
        var polygonizer = new Polygonizer(extractOnlyPolygonal: false) { IsCheckingRingsValid = !fast };
        if (fast)
        {
            var strings = new List<ISegmentString>(lines.Count);
            foreach (var line in lines)
            {
                strings.Add(new NodedSegmentString(line.Coordinates, null));
            }

            var noder = new MCIndexNoder(new IntersectionAdder(new RobustLineIntersector()));
            noder.ComputeNodes(strings);
            var dissolver = new SegmentStringDissolver();
            dissolver.Dissolve(noder.GetNodedSubstrings());
            foreach (var ss in dissolver.Dissolved)
            {
                polygonizer.Add((Geometry)factory.CreateLineString(ss.Coordinates));
            }
        }
        else
        {
            polygonizer.Add(OverlayNGRobust.Union(factory.BuildGeometry(lines)));
        }

        Timing.Noding += swT.Elapsed.TotalMilliseconds; swT.Restart();
        var polygons = polygonizer.GetPolygons();
        Timing.Polygonize += swT.Elapsed.TotalMilliseconds; swT.Restart();
        if (fast && (polygonizer.GetDangles().Count > 0 || polygonizer.GetCutEdges().Count > 0))
        {
            return null;
        }

        // Faces outside the region (disc parts beyond the border) are dropped here, once.
        var inside = new List<(Polygon, Coordinate)>(polygons.Count);
        double area = 0;
        var regionEnvelope = region.Metric.EnvelopeInternal;
        foreach (var g in polygons)
        {
            if (!regionEnvelope.Intersects(g.EnvelopeInternal))
            {
                continue;
            }

            var p = InteriorPointArea.GetInteriorPoint(g);
            if (p is not null && region.Locator.Locate(p) != Location.Exterior)
            {
                inside.Add(((Polygon)g, p));
                area += g.Area;
            }
        }

        Timing.Interior += swT.Elapsed.TotalMilliseconds; swT.Restart(); Timing.Faces += polygons.Count; Timing.Inside += inside.Count;
        return !fast || Math.Abs(area - region.AreaM2) <= 1e-7 * region.AreaM2 + 1 ? inside : null;
    }

    private static void CollectCover(STRtree<Disc> index, Coordinate p, List<int> cover)
    {
        foreach (var d in index.Query(new Envelope(p)))
        {
            if (d.Shape.Covers(p))
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

internal static class Timing { public static int Fallbacks; public static int Faces, Inside; public static double Interior, Noding, Polygonize, Label, Aggregate, Gaps, Layer, Coast, Discs;
 public static string Dump() => $"interior {Interior:0} noding {Noding:0} polygonize {Polygonize:0} label {Label:0} agg {Aggregate:0} gaps {Gaps:0} layer {Layer:0} coast {Coast:0} discs {Discs:0} fallbacks {Fallbacks} faces {Faces} inside {Inside}"; }
