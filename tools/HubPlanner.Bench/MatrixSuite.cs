using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Roads;

namespace HubPlanner.Bench;

/// <summary>
/// `matrix`: contraction-hierarchy many-to-many against the parallel per-source Dijkstra baseline on a synthetic
/// road-like graph, in the same run; verifies that both matrices are equal.
/// </summary>
public sealed class MatrixSuite : IBenchSuite
{
    /// <inheritdoc/>
    public string Name => "matrix";

    /// <inheritdoc/>
    public string Description => "CH vs parallel Dijkstra many-to-many: --nodes N --sources S --targets T [--seed K] [--json] | --dataset DIR|default";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args)
    {
        int nodes = 100_000, sources = 100, targets = 100, seed = 1;
        bool json = false;
        string? dataset = null;
        var contraction = new ContractionOptions();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--nodes": nodes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sources": sources = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--targets": targets = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--json": json = true; break;
                case "--dataset": dataset = args[++i]; break;
                case "--witness-settle": contraction = contraction with { WitnessSettleLimit = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--simulation-settle": contraction = contraction with { SimulationSettleLimit = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--witness-hops": contraction = contraction with { WitnessHopLimit = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--simulation-hops": contraction = contraction with { SimulationHopLimit = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--edge-diff-weight": contraction = contraction with { EdgeDifferenceWeight = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                default:
                    Console.Error.WriteLine($"matrix: unknown option '{args[i]}'");
                    return 2;
            }
        }

        if (dataset is not null)
        {
            return RunDataset(dataset == "default" ? Path.Combine(BenchPaths.RepositoryRoot(), "data", "ukraine") : dataset, json);
        }

        var sw = Stopwatch.StartNew();
        var graph = MatrixGraphGenerator.Generate(nodes, seed);
        double generateS = sw.Elapsed.TotalSeconds;
        var rng = new Random(seed + 1);
        var sourceSeeds = Enumerable.Range(0, sources).Select(_ => new[] { new SearchSeed(rng.Next(nodes), 0) }).ToArray();
        var targetSeeds = Enumerable.Range(0, targets).Select(_ => new[] { new SearchSeed(rng.Next(nodes), 0) }).ToArray();

        int rounds = 0;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        sw.Restart();
        var ch = ContractionHierarchy.Build(graph, contraction, new CountingProgress(() => rounds++));
        double preprocessS = sw.Elapsed.TotalSeconds;
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(ch);
        Console.Error.WriteLine($"contraction: {rounds} rounds, {ch.ShortcutCount} shortcuts, {preprocessS:F1} s");

        sw.Restart();
        var chMatrix = ch.ComputeMatrix(sourceSeeds, targetSeeds);
        double chMatrixS = sw.Elapsed.TotalSeconds;

        sw.Restart();
        var dijkstraMatrix = DijkstraMatrix.Compute(graph, sourceSeeds, targetSeeds);
        double dijkstraS = sw.Elapsed.TotalSeconds;

        long mismatches = 0, unreachable = 0;
        for (long k = 0; k < chMatrix.LongLength; k++)
        {
            if (chMatrix[k] != dijkstraMatrix[k])
            {
                mismatches++;
            }

            if (dijkstraMatrix[k] == RoadCost.Infinity)
            {
                unreachable++;
            }
        }

        double speedup = dijkstraS / Math.Max(chMatrixS, 1e-9);
        double chMemMb = (after - before) / 1048576.0;
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        string instance = $"grid-{nodes}-s{seed}";
        Console.WriteLine("instance,nodes,arcs,sources,targets,generate_s,ch_preprocess_s,shortcuts,ch_mem_mb,peak_ws_mb,ch_matrix_s,dijkstra_matrix_s,speedup,mismatches,unreachable_pairs,cores");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{instance},{nodes},{graph.ArcCount},{sources},{targets},{generateS:F2},{preprocessS:F2},{ch.ShortcutCount},{chMemMb:F1},{peakMb:F0},{chMatrixS:F3},{dijkstraS:F3},{speedup:F1},{mismatches},{unreachable},{Environment.ProcessorCount}"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["suite"] = "matrix",
                ["instance"] = instance,
                ["nodes"] = nodes,
                ["arcs"] = graph.ArcCount,
                ["sources"] = sources,
                ["targets"] = targets,
                ["ch_preprocess_s"] = Math.Round(preprocessS, 3),
                ["ch_shortcuts"] = ch.ShortcutCount,
                ["ch_mem_mb"] = Math.Round(chMemMb, 1),
                ["peak_ws_mb"] = Math.Round(peakMb),
                ["ch_matrix_s"] = Math.Round(chMatrixS, 4),
                ["dijkstra_matrix_s"] = Math.Round(dijkstraS, 4),
                ["speedup"] = Math.Round(speedup, 2),
                ["mismatches"] = mismatches,
                ["unreachable_pairs"] = unreachable,
                ["cores"] = Environment.ProcessorCount,
            }));
        }

        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>
    /// The dataset row: every site, entry point and demand point snapped, the full points × points matrix by Dijkstra
    /// (baseline) and by the hierarchy (preprocessing included), for no vehicle and for each vehicle type; equal or not.
    /// </summary>
    private static int RunDataset(string dir, bool json)
    {
        var (nodes, edges, points, vehicles) = MatrixDatasetLoader.Load(dir);
        var sw = Stopwatch.StartNew();
        var graph = RoadGraph.Create(nodes, edges);
        double buildS = sw.Elapsed.TotalSeconds;
        Console.WriteLine("instance,vehicle,nodes,edges,points,graph_build_s,dijkstra_matrix_s,ch_preprocess_s,ch_matrix_s,mismatches,unreachable_pairs,components");
        long totalMismatches = 0;
        var rows = new List<Dictionary<string, object>>();
        foreach (var vehicle in new VehicleType?[] { null }.Concat(vehicles.Cast<VehicleType?>()))
        {
            // Warm up the snapper and the cost graph so both timings measure the matrix alone.
            var dijkstraCost = new RoadTravelCost(graph, new RoadTravelCostOptions(Algorithm: MatrixAlgorithm.Dijkstra));
            var chCost = new RoadTravelCost(graph, new RoadTravelCostOptions(Algorithm: MatrixAlgorithm.ContractionHierarchy));
            graph.CostGraphFor(vehicle);
            _ = graph.Snapper;
            sw.Restart();
            var dijkstra = dijkstraCost.Compute(points, points, vehicle, CancellationToken.None);
            double dijkstraS = sw.Elapsed.TotalSeconds;
            sw.Restart();
            chCost.HierarchyFor(vehicle);
            double preprocessS = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var ch = chCost.Compute(points, points, vehicle, CancellationToken.None);
            double chS = sw.Elapsed.TotalSeconds;
            long mismatches = 0;
            for (int k = 0; k < dijkstra.MetresRowMajor.Length; k++)
            {
                mismatches += dijkstra.MetresRowMajor[k] != ch.MetresRowMajor[k] || dijkstra.SecondsRowMajor[k] != ch.SecondsRowMajor[k] ? 1 : 0;
            }

            totalMismatches += mismatches;
            var components = RoadComponents.Analyze(graph, vehicle);
            string name = vehicle?.Id ?? "any";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))},{name},{nodes.Count},{edges.Count},{points.Count},{buildS:F4},{dijkstraS:F4},{preprocessS:F4},{chS:F4},{mismatches},{dijkstra.Unreachable.Count},{components.ComponentCount}"));
            foreach (var small in components.Components.Skip(1).Take(3))
            {
                Console.Error.WriteLine($"  {name}: {small.Description}");
            }

            rows.Add(new Dictionary<string, object>
            {
                ["vehicle"] = name,
                ["dijkstra_matrix_s"] = Math.Round(dijkstraS, 4),
                ["ch_preprocess_s"] = Math.Round(preprocessS, 4),
                ["ch_matrix_s"] = Math.Round(chS, 4),
                ["mismatches"] = mismatches,
                ["unreachable_pairs"] = dijkstra.Unreachable.Count,
            });
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["suite"] = "matrix",
                ["instance"] = dir,
                ["nodes"] = nodes.Count,
                ["edges"] = edges.Count,
                ["points"] = points.Count,
                ["mismatches"] = totalMismatches,
                ["rows"] = rows,
            }));
        }

        return totalMismatches == 0 ? 0 : 1;
    }

    private sealed class CountingProgress(Action onReport) : IProgress<ContractionProgress>
    {
        public void Report(ContractionProgress value) => onReport();
    }
}
