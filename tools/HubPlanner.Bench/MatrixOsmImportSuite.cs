using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Domain;
using HubPlanner.Data.Osm;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace HubPlanner.Bench;

/// <summary>
/// `osm-import`: writes a synthetic PBF (a grid of highway ways with degree-2 chains, footways and unused nodes), then
/// extracts its roads with <see cref="OsmRoadExtractor"/> into a counting sink, reporting time and peak memory. The
/// baseline, in the same run, is one bare OsmSharp pass over the file (the extractor makes three).
/// </summary>
public sealed class MatrixOsmImportSuite : IBenchSuite
{
    /// <inheritdoc/>
    public string Name => "osm-import";

    /// <inheritdoc/>
    public string Description => "OSM PBF road extraction on a synthetic file: --nodes N [--seed K] [--keep FILE] [--json]";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args)
    {
        int nodes = 2_000_000, seed = 1;
        bool json = false;
        string? keep = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--nodes": nodes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = args[++i]; break;
                case "--json": json = true; break;
                default:
                    Console.Error.WriteLine($"osm-import: unknown option '{args[i]}'");
                    return 2;
            }
        }

        string path = keep ?? Path.Combine(Path.GetTempPath(), $"hp-osm-bench-{Environment.ProcessId}.osm.pbf");
        try
        {
            var sw = Stopwatch.StartNew();
            var (ways, written) = WriteSyntheticPbf(path, nodes, seed);
            double writeS = sw.Elapsed.TotalSeconds;
            long fileBytes = new FileInfo(path).Length;

            GC.Collect();
            sw.Restart();
            long elements = 0;
            using (var stream = File.OpenRead(path))
            {
                foreach (var _ in new PBFOsmStreamSource(stream))
                {
                    elements++;
                }
            }

            double baselineS = sw.Elapsed.TotalSeconds;

            GC.Collect();
            long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var sink = new CountingSink();
            long peakHeap = heapBefore;
            using var sampler = new Timer(_ => Interlocked.Exchange(ref peakHeap, Math.Max(Interlocked.Read(ref peakHeap), GC.GetTotalMemory(false))), null, 0, 20);
            sw.Restart();
            var summary = OsmRoadExtractor.Extract(path, sink);
            double extractS = sw.Elapsed.TotalSeconds;
            sampler.Change(Timeout.Infinite, Timeout.Infinite);
            double peakHeapMb = (Interlocked.Read(ref peakHeap) - heapBefore) / 1048576.0;
            double peakWsMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
            double ratio = extractS / Math.Max(baselineS, 1e-9);

            Console.WriteLine("instance,file_mb,osm_nodes,osm_ways,highway_ways,node_refs,road_nodes,road_edges,write_s,baseline_read_s,extract_s,extract_over_read,peak_heap_mb,peak_ws_mb");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"synthetic-{nodes}-s{seed},{fileBytes / 1048576.0:F1},{written},{ways},{summary.HighwayWays},{summary.NodeRefs},{summary.RoadNodes},{summary.RoadEdges},{writeS:F1},{baselineS:F1},{extractS:F1},{ratio:F2},{peakHeapMb:F0},{peakWsMb:F0}"));
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["suite"] = "osm-import",
                    ["osm_nodes"] = written,
                    ["file_mb"] = Math.Round(fileBytes / 1048576.0, 1),
                    ["road_nodes"] = summary.RoadNodes,
                    ["road_edges"] = summary.RoadEdges,
                    ["baseline_read_s"] = Math.Round(baselineS, 2),
                    ["extract_s"] = Math.Round(extractS, 2),
                    ["extract_over_read"] = Math.Round(ratio, 2),
                    ["peak_heap_mb"] = Math.Round(peakHeapMb),
                    ["peak_ws_mb"] = Math.Round(peakWsMb),
                    ["elements"] = elements,
                }));
            }

            return sink.Edges == summary.RoadEdges ? 0 : 1;
        }
        finally
        {
            if (keep is null && File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// Nodes on a grid (ids in order); 80 % used by highways: every row is a chain of ways of 40 nodes (so most nodes
    /// have degree 2), every 20th column a crossing way; footways on some rows; the rest stay unused, as POIs would.
    /// </summary>
    private static (long Ways, long Nodes) WriteSyntheticPbf(string path, int nodes, int seed)
    {
        var rng = new Random(seed);
        int side = (int)Math.Sqrt(nodes);
        var stamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] classes = ["motorway", "trunk", "primary", "secondary", "tertiary", "primary_link"];
        long wayId = 1, ways = 0;
        using var stream = File.Create(path);
        var target = new PBFOsmStreamTarget(stream);
        target.Initialize();
        var empty = new TagsCollection();
        for (int v = 0; v < side * side; v++)
        {
            target.AddNode(new Node
            {
                Id = v + 1, Longitude = 22 + ((v % side) * 0.002) + (rng.NextDouble() * 0.0005), Latitude = 45 + ((v / side) * 0.002) + (rng.NextDouble() * 0.0005),
                Version = 1, TimeStamp = stamp, ChangeSetId = 1, UserId = 1, UserName = "b", Visible = true, Tags = empty,
            });
        }

        void Add(long[] refs, TagsCollection tags)
        {
            target.AddWay(new Way { Id = wayId++, Nodes = refs, Tags = tags, Version = 1, TimeStamp = stamp, ChangeSetId = 1, UserId = 1, UserName = "b", Visible = true });
            ways++;
        }

        for (int row = 0; row < side; row++)
        {
            bool footway = row % 5 == 4;
            for (int start = 0; start + 1 < side; start += 39)
            {
                int end = Math.Min(side - 1, start + 39);
                var refs = new long[end - start + 1];
                for (int k = 0; k < refs.Length; k++)
                {
                    refs[k] = (row * side) + start + k + 1;
                }

                var tags = footway
                    ? new TagsCollection(new Tag("highway", "footway"))
                    : new TagsCollection(new Tag("highway", classes[rng.Next(classes.Length)]), new Tag("ref", $"R{row}"), new Tag("maxspeed", rng.Next(2) == 0 ? "90" : "UA:rural"));
                if (!footway && rng.NextDouble() < 0.1)
                {
                    tags.Add(new Tag("oneway", "yes"));
                }

                Add(refs, tags);
            }
        }

        for (int col = 0; col < side; col += 20)
        {
            var refs = new long[side];
            for (int row = 0; row < side; row++)
            {
                refs[row] = (row * side) + col + 1;
            }

            Add(refs, new TagsCollection(new Tag("highway", "secondary"), new Tag("maxweight", "30")));
        }

        target.Flush();
        target.Close();
        return (ways, (long)side * side);
    }

    private sealed class CountingSink : IRoadSink
    {
        public long Nodes { get; private set; }

        public long Edges { get; private set; }

        public void AddNode(RoadNode node) => Nodes++;

        public void AddEdge(RoadEdge edge) => Edges++;
    }
}
