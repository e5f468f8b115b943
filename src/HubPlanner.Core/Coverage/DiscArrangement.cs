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

        // Build the lazy indexes now: arrangements of several bands query them from parallel threads.
        if (!regionMetric.IsEmpty)
        {
            var probe = regionMetric.EnvelopeInternal;
            _ = Locator.Locate(probe.Centre);
            _ = Prepared.Intersects(GeoFactory.Metric.ToGeometry(new Envelope(probe.MinX - 1, probe.Centre.X, probe.MinY - 1, probe.Centre.Y)));
            _ = Prepared.Contains(GeoFactory.Metric.CreatePoint(probe.Centre));
            foreach (var z in ZoneLocators)
            {
                _ = z.Locate(probe.Centre);
            }
        }
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
/// Built by noding all boundaries at once (a floating-point MCIndexNoder, verified by area and replaced by
/// OverlayNG's robust noding when the check fails), polygonizing, and testing an interior point of each face
/// against the discs found by an STR-tree. Cost ~ O((V + I) log V) for V boundary vertices and I crossings,
/// instead of 2^n intersections or n unions per hub.
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

    /// <param name="robustNoding">Skip the fast floating-point noding and use OverlayNG's robust noding directly (tests).</param>
    public static DiscArrangement Build(IReadOnlyList<Disc> discs, RegionContext region, CancellationToken ct, bool robustNoding = false)
    {
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

        var polygons = (robustNoding ? null : Polygonize(lines, region, fast: true)) ?? Polygonize(lines, region, fast: false)!;
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
    /// The arrangement with more discs. Faces a new disc holds entirely just gain it in their covering set;
    /// faces a new disc boundary crosses are re-noded and re-polygonized together with the new rings, and
    /// their pieces inherit the parent face's set plus the new discs covering them. Every other face is
    /// kept as is, so the cost grows with the faces the new discs cross, not with all discs.
    /// </summary>
    public DiscArrangement WithDiscs(IReadOnlyList<Disc> added, RegionContext region, CancellationToken ct)
    {
        if (added.Count == 0 || Faces.Length == 0)
        {
            return this;
        }

        var prepared = added.Select(d => PreparedGeometryFactory.Prepare(d.Metric)).ToArray();
        var kept = new List<Face>(Faces.Length + 64);
        var crossed = new List<Face>();
        var extra = new List<int>();
        foreach (var f in Faces)
        {
            bool isCrossed = false;
            extra.Clear();
            for (int i = 0; i < added.Count && !isCrossed; i++)
            {
                if (!added[i].Metric.EnvelopeInternal.Intersects(f.Geometry.EnvelopeInternal) || !prepared[i].Intersects(f.Geometry))
                {
                    continue;
                }

                if (prepared[i].Contains(f.Geometry))
                {
                    extra.Add(added[i].Asset);
                }
                else
                {
                    isCrossed = true;
                }
            }

            if (isCrossed)
            {
                crossed.Add(f);
            }
            else
            {
                kept.Add(extra.Count == 0 ? f : f with { Cover = Union(f.Cover, extra) });
            }
        }

        ct.ThrowIfCancellationRequested();
        bool clean = IsCleanCoverage;
        if (crossed.Count > 0)
        {
            var lines = new List<Geometry>();
            double crossedArea = 0;
            var parents = new STRtree<int>();
            for (int i = 0; i < crossed.Count; i++)
            {
                AddLinework(crossed[i].Geometry, lines);
                crossedArea += crossed[i].AreaM2;
                parents.Insert(crossed[i].Geometry.EnvelopeInternal, i);
            }

            foreach (var d in added)
            {
                lines.Add(d.Metric.ExteriorRing);
            }

            parents.Build();
            var locators = new IndexedPointInAreaLocator?[crossed.Count];
            int ParentOf(Coordinate p)
            {
                foreach (int i in parents.Query(new Envelope(p)))
                {
                    locators[i] ??= new IndexedPointInAreaLocator(crossed[i].Geometry);
                    if (locators[i]!.Locate(p) == Location.Interior)
                    {
                        return i;
                    }
                }

                return -1;
            }

            var pieces = Polygonize(lines, p => ParentOf(p) >= 0, crossedArea, fast: true);
            if (pieces is null)
            {
                // The robust noder may move vertices by snapping; the faces then no longer share exact edges.
                pieces = Polygonize(lines, p => ParentOf(p) >= 0, crossedArea, fast: false)!;
                clean = false;
            }

            var cover = new List<int>();
            foreach (var (piece, p) in pieces)
            {
                var parent = crossed[ParentOf(p)];
                cover.Clear();
                foreach (var d in added)
                {
                    if (d.Metric.EnvelopeInternal.Contains(p) && d.Shape.Covers(p))
                    {
                        cover.Add(d.Asset);
                    }
                }

                kept.Add(new Face(piece, piece.Area, parent.ZoneWeight, cover.Count == 0 ? parent.Cover : Union(parent.Cover, cover)));
            }
        }

        var pointCover = (int[]?[])PointCover.Clone();
        for (int i = 0; i < pointCover.Length; i++)
        {
            if (pointCover[i] is not { } pc)
            {
                continue;
            }

            var extraCover = added.Where(d => d.Metric.EnvelopeInternal.Contains(region.PointsMetric[i]) && d.Shape.Covers(region.PointsMetric[i]))
                .Select(d => d.Asset).ToList();
            if (extraCover.Count > 0)
            {
                pointCover[i] = Union(pc, extraCover);
            }
        }

        return new DiscArrangement([.. kept], pointCover, clean);
    }

    private static int[] Union(int[] sorted, List<int> more)
    {
        var set = new SortedSet<int>(sorted);
        set.UnionWith(more);
        return [.. set];
    }

    /// <summary>
    /// Nodes the linework and polygonizes it. The fast way nodes with a plain floating-point MCIndexNoder; it
    /// is accepted only if the polygonizer found no dangles, cut edges or invalid rings (every input line is a
    /// closed ring, so any of these means the noding went wrong) and the faces inside the region add up to
    /// the region's area. Otherwise the robust OverlayNG union (with snapping fallbacks) nodes it.
    /// </summary>
    private static List<(Polygon Face, Coordinate InteriorPoint)>? Polygonize(List<Geometry> lines, RegionContext region, bool fast)
        => Polygonize(lines, p => region.Locator.Locate(p) != Location.Exterior, region.AreaM2, fast, region.Metric.EnvelopeInternal);

    private static List<(Polygon Face, Coordinate InteriorPoint)>? Polygonize(List<Geometry> lines, Func<Coordinate, bool> isInside,
        double expectedAreaM2, bool fast, Envelope? within = null)
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

        var polygons = polygonizer.GetPolygons();
        if (fast && (polygonizer.GetDangles().Count > 0 || polygonizer.GetCutEdges().Count > 0))
        {
            return null;
        }

        // Faces outside the region (disc parts beyond the border) are dropped here, once.
        var inside = new List<(Polygon, Coordinate)>(polygons.Count);
        double area = 0;
        foreach (var g in polygons)
        {
            if (within is not null && !within.Intersects(g.EnvelopeInternal))
            {
                continue;
            }

            var p = InteriorPointArea.GetInteriorPoint(g);
            if (p is not null && isInside(p))
            {
                inside.Add(((Polygon)g, p));
                area += g.Area;
            }
        }

        return !fast || Math.Abs(area - expectedAreaM2) <= 1e-7 * expectedAreaM2 + 1 ? inside : null;
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
