using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
    public string Description => "CH vs parallel Dijkstra many-to-many: --nodes N --sources S --targets T [--seed K] [--json]";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args)
    {
        int nodes = 100_000, sources = 100, targets = 100, seed = 1;
        bool json = false;
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

    private sealed class CountingProgress(Action onReport) : IProgress<ContractionProgress>
    {
        public void Report(ContractionProgress value) => onReport();
    }
}
