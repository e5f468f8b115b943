using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using OsmSharp;
using OsmSharp.Streams;

namespace HubPlanner.Data.Osm;

/// <summary>
/// Extracts the drivable road network (motorway … tertiary and links) from an OSM PBF file in three streaming passes
/// with memory bounded by the roads, not the file: (1) ways, collecting their node references in one sorted long
/// array with reference counts; (2) nodes, keeping coordinates only for those ids (fixed-point ints); (3) ways again,
/// cutting each at junctions (nodes used twice or more, way ends) and emitting nodes and edges. Degree-2 nodes become
/// edge geometry. Passes 1 and 2 read the whole file, so a truncated or corrupt file fails before anything is emitted.
/// </summary>
public static class OsmRoadExtractor
{
    private const int Missing = int.MinValue;

    /// <summary>Marks a node that is in the file but outside the bounding box (cut on purpose, not missing).</summary>
    private const int OutsideBox = int.MinValue + 1;

    /// <summary>How many offending ids a message names.</summary>
    private const int NamedIds = 5;

    /// <summary>Extracts the roads of <paramref name="path"/> into <paramref name="sink"/>.</summary>
    /// <exception cref="OsmImportException">The file is missing, truncated, corrupt or not a PBF.</exception>
    public static OsmImportSummary Extract(string path, IRoadSink sink, OsmImportOptions? options = null,
        IProgress<OsmImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new OsmImportOptions();
        if (!File.Exists(path))
        {
            throw new OsmImportException(path, "the file does not exist");
        }

        // Pass 1: node references of the kept ways. Way ends are added twice so that they count as junctions.
        var refs = new LongBuffer(1 << 16);
        long highwayWays = 0, nodeRefs = 0;
        Read(path, 1, progress, geo =>
        {
            if (geo is Way way && Accept(way) is not null)
            {
                highwayWays++;
                nodeRefs += way.Nodes.Length;
                foreach (long id in way.Nodes)
                {
                    refs.Add(id);
                }

                refs.Add(way.Nodes[0]);
                refs.Add(way.Nodes[^1]);
            }
        }, cancellationToken);
        if (highwayWays == 0)
        {
            throw new OsmImportException(path,
                "it holds no highway ways of the kept classes (motorway, trunk, primary, secondary, tertiary and their links); the road network was left as it was");
        }

        var (ids, counts) = refs.SortedDistinctWithCounts();
        refs = null!;

        // Pass 2: coordinates of exactly those nodes, in 1e-7 degrees (as PBF stores them).
        var lon7 = new int[ids.Length];
        var lat7 = new int[ids.Length];
        Array.Fill(lon7, Missing);
        int cursor = 0;
        long lastId = long.MinValue;
        long badCoordinates = 0;
        var firstBadCoordinates = new List<string>();
        Read(path, 2, progress, geo =>
        {
            if (geo is not Node { Id: { } id, Longitude: { } lon, Latitude: { } lat })
            {
                return;
            }

            // Nodes come sorted by id in almost every PBF: walk a cursor; fall back to binary search otherwise.
            int index;
            if (id >= lastId)
            {
                while (cursor < ids.Length && ids[cursor] < id)
                {
                    cursor++;
                }

                index = cursor < ids.Length && ids[cursor] == id ? cursor : -1;
            }
            else
            {
                index = Array.BinarySearch(ids, id);
            }

            lastId = id;
            if (index < 0)
            {
                return;
            }

            // Never clamp: a coordinate outside WGS84's range is a broken file, and 1e-7 degrees of lon 214.8 no
            // longer fit an int.
            if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                if (badCoordinates++ < NamedIds)
                {
                    firstBadCoordinates.Add(FormattableString.Invariant($"node {id} at [{lon}, {lat}]"));
                }

                return;
            }

            if (options.BoundingBox is null || options.BoundingBox.Contains(lon, lat))
            {
                lon7[index] = (int)Math.Round(lon * 1e7);
                lat7[index] = (int)Math.Round(lat * 1e7);
            }
            else
            {
                lon7[index] = OutsideBox;
            }
        }, cancellationToken);

        if (badCoordinates > 0)
        {
            throw new OsmImportException(path, FormattableString.Invariant(
                $"{badCoordinates} road node(s) have coordinates outside lon -180..180 / lat -90..90 ({string.Join("; ", firstBadCoordinates)}{(badCoordinates > NamedIds ? "; …" : "")})"));
        }

        long missing = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            missing += lon7[i] is Missing or OutsideBox ? 1 : 0;
        }

        long waysWithMissing = 0;
        var firstWaysWithMissing = new List<long>();

        // Pass 3: cut ways at junctions and emit.
        var emitted = new bool[ids.Length];
        long roadNodes = 0, roadEdges = 0, nextEdgeId = 1;
        var run = new List<int>();
        Read(path, 3, progress, geo =>
        {
            if (geo is not Way way || Accept(way) is not { } highway)
            {
                return;
            }

            var tags = way.Tags!;
            var roadClass = OsmTagParsing.ClassOf(highway)!.Value;
            double speed = OsmTagParsing.ParseMaxSpeedKmh(Tag(tags, "maxspeed")) ?? OsmTagParsing.DefaultSpeedKmh(highway);
            double? maxWeight = OsmTagParsing.ParseMaxWeightT(Tag(tags, "maxweight"));
            int direction = OsmTagParsing.OneWay(Tag(tags, "oneway"), highway, Tag(tags, "junction"));
            string? roadRef = Tag(tags, "ref");
            bool lacksNodes = false;
            run.Clear();
            long previous = long.MinValue;
            for (int k = 0; k <= way.Nodes.Length; k++)
            {
                // A node missing from the file (or outside the box) ends the current run; the way continues after it.
                int index = -1;
                if (k < way.Nodes.Length)
                {
                    if (way.Nodes[k] == previous)
                    {
                        continue;
                    }

                    previous = way.Nodes[k];
                    index = Array.BinarySearch(ids, previous);
                }

                if (index >= 0 && lon7[index] is not (Missing or OutsideBox))
                {
                    run.Add(index);
                    continue;
                }

                lacksNodes |= index >= 0 && lon7[index] == Missing;

                int start = 0;
                for (int j = 1; j < run.Count; j++)
                {
                    if (j == run.Count - 1 || counts[run[j]] >= 2)
                    {
                        EmitEdge(run, start, j);
                        start = j;
                    }
                }

                run.Clear();
            }

            if (lacksNodes && waysWithMissing++ < NamedIds)
            {
                firstWaysWithMissing.Add(way.Id ?? 0);
            }

            void EmitEdge(List<int> nodes, int from, int to)
            {
                var coords = new Coordinate[to - from + 1];
                double length = 0;
                for (int j = from; j <= to; j++)
                {
                    int n = nodes[j];
                    coords[j - from] = new Coordinate(lon7[n] / 1e7, lat7[n] / 1e7);
                    if (j > from)
                    {
                        var a = coords[j - from - 1];
                        var b = coords[j - from];
                        length += Wgs84Geodesic.Distance(a.X, a.Y, b.X, b.Y);
                    }
                }

                int first = nodes[from], last = nodes[to];
                if (direction < 0)
                {
                    Array.Reverse(coords);
                    (first, last) = (last, first);
                }

                EmitNode(first);
                EmitNode(last);
                sink.AddEdge(new RoadEdge(nextEdgeId++, ids[first], ids[last], roadRef, roadClass, length, speed, direction != 0, maxWeight,
                    GeoFactory.Wgs84.CreateLineString(coords)));
                roadEdges++;
            }

            void EmitNode(int n)
            {
                if (!emitted[n])
                {
                    emitted[n] = true;
                    roadNodes++;
                    sink.AddNode(new RoadNode(ids[n], null, lon7[n] / 1e7, lat7[n] / 1e7));
                }
            }
        }, cancellationToken);

        if (waysWithMissing > options.MaxWaysWithMissingNodes * highwayWays)
        {
            throw new OsmImportException(path, FormattableString.Invariant(
                $"{waysWithMissing} of {highwayWays} highway ways ({(double)waysWithMissing / highwayWays:P1}) reference nodes that are not in the file (e.g. way {string.Join(", way ", firstWaysWithMissing)}); at most {options.MaxWaysWithMissingNodes:P0} are accepted, so the extract looks incomplete"));
        }

        if (roadEdges == 0)
        {
            throw new OsmImportException(path, options.BoundingBox is null
                ? "no road edge could be built from its highway ways; the road network was left as it was"
                : "no road edge lies inside the bounding box; the road network was left as it was");
        }

        return new OsmImportSummary(highwayWays, nodeRefs, ids.Length, roadNodes, roadEdges, missing, waysWithMissing, firstWaysWithMissing);
    }

    /// <summary>The highway value of a way we keep (at least two nodes, a kept class), else null.</summary>
    private static string? Accept(Way way)
    {
        if (way.Nodes is not { Length: >= 2 } || way.Tags is null)
        {
            return null;
        }

        string? highway = Tag(way.Tags, "highway");
        return OsmTagParsing.ClassOf(highway) is null ? null : highway;
    }

    private static string? Tag(OsmSharp.Tags.TagsCollectionBase? tags, string key) =>
        tags is not null && tags.TryGetValue(key, out string value) ? value : null;

    /// <summary>Streams every element of the file once, turning reader failures into <see cref="OsmImportException"/>.</summary>
    private static void Read(string path, int pass, IProgress<OsmImportProgress>? progress, Action<OsmGeo> visit, CancellationToken ct)
    {
        long count = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            if (stream.Length == 0)
            {
                throw new OsmImportException(path, "the file is empty");
            }

            var source = new PBFOsmStreamSource(stream);
            foreach (var geo in source)
            {
                visit(geo);
                if ((++count & 0xFFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new OsmImportProgress(pass, count));
                }
            }

            // The reader stops quietly at a cut-off block; a file not read to its end is truncated.
            if (stream.Position < stream.Length)
            {
                throw new OsmImportException(path, $"the file ends inside a block or holds trailing data (read {stream.Position:N0} of {stream.Length:N0} bytes in pass {pass})");
            }
        }
        catch (Exception ex) when (ex is not OsmImportException and not OperationCanceledException)
        {
            throw new OsmImportException(path, $"the PBF is truncated or corrupt ({ex.GetType().Name}: {ex.Message}) after {count:N0} elements in pass {pass}", ex);
        }

        progress?.Report(new OsmImportProgress(pass, count));
    }

    /// <summary>A growable long array (one allocation per doubling, no per-item objects).</summary>
    private sealed class LongBuffer(int capacity)
    {
        private long[] _items = new long[capacity];
        private int _count;

        public void Add(long value)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, checked(_items.Length * 2));
            }

            _items[_count++] = value;
        }

        /// <summary>Sorted distinct values and how often each occurred (saturating at 255).</summary>
        public (long[] Ids, byte[] Counts) SortedDistinctWithCounts()
        {
            Array.Sort(_items, 0, _count);
            int distinct = 0;
            for (int i = 0; i < _count; i++)
            {
                if (i == 0 || _items[i] != _items[i - 1])
                {
                    distinct++;
                }
            }

            var ids = new long[distinct];
            var counts = new byte[distinct];
            int k = -1;
            for (int i = 0; i < _count; i++)
            {
                if (i == 0 || _items[i] != _items[i - 1])
                {
                    ids[++k] = _items[i];
                }

                if (counts[k] < 255)
                {
                    counts[k]++;
                }
            }

            _items = [];
            return (ids, counts);
        }
    }
}
