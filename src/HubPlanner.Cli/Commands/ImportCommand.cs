using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Osm;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner import KIND FILE</c>: one atomic import of a CSV or GeoJSON file into an existing database.
/// Rows are added or replaced by id; any problem rejects the whole file and leaves the database unchanged.
/// </summary>
public sealed class ImportCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 30;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        string[] kinds = [.. ImportKinds.All.Select(ImportKinds.CliName), "osm"];
        var kind = new Argument<string>("KIND") { Description = "What the file holds: " + string.Join(", ", kinds) };
        kind.AcceptOnlyFromAmong(kinds);
        var file = new Argument<string>("FILE") { Description = "CSV or GeoJSON file in the format of data/FORMAT.md, or an OSM PBF extract (osm)" };
        var bbox = new Option<string?>("--bbox") { Description = "osm: keep only roads inside W,S,E,N (degrees)", HelpName = "W,S,E,N" };
        var allowShrink = new Option<bool>("--allow-shrink") { Description = "osm: replace the road network even by one with under half its nodes" };
        var expectedArea = new Option<double?>("--expected-area-km2")
        {
            Description = "border: the area the new border must have (±5 %), instead of the area of the stored border",
            HelpName = "KM2",
        };
        var command = new Command("import", "Import one CSV/GeoJSON file (or an OSM PBF road network) into the database, atomically")
        {
            kind, file, bbox, allowShrink, expectedArea,
        };
        return command.WithHandler(environment, run =>
        {
            if (run.Parse.GetValue(kind) == "osm")
            {
                return ImportOsm(run, run.Parse.GetValue(file)!, run.Parse.GetValue(bbox), run.Parse.GetValue(allowShrink));
            }

            if (!ImportKinds.TryParse(run.Parse.GetValue(kind)!, out var importKind))
            {
                throw new BadInputException($"Unknown kind '{run.Parse.GetValue(kind)}'; expected one of {string.Join(", ", kinds)}.");
            }

            string typed = run.Parse.GetValue(file)!;
            double? area = run.Parse.GetValue(expectedArea);
            if (area is { } a && !(double.IsFinite(a) && a > 0))
            {
                throw new BadInputException($"--expected-area-km2: expected a number > 0 (km²), found {a}");
            }

            var store = PlanningStore.OpenExisting(run.DbPath);
            var outcome = DatasetImporter.ImportFile(store, importKind, run.Environment.Resolve(typed), typed,
                new ImportOptions(ExpectedBorderAreaKm2: area), run.Cancellation);
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, database = store.Path, kind = ImportKinds.CliName(outcome.Kind), file = typed, records = outcome.Records });
            }
            else
            {
                run.Output.Console.MarkupLineInterpolated(
                    $"Imported {outcome.Records} {ImportKinds.CliName(outcome.Kind)} record{(outcome.Records == 1 ? "" : "s")} from {typed} into {store.Path}.");
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary>
    /// Streams the PBF three times (ways, node coordinates, edges) in bounded memory, then replaces the road network
    /// in one transaction. A truncated or corrupt file fails before anything is written.
    /// </summary>
    private static int ImportOsm(CommandRun run, string typed, string? bbox, bool allowShrink)
    {
        string path = run.Environment.Resolve(typed);
        if (!File.Exists(path))
        {
            throw new BadInputException($"{typed}: no such file");
        }

        OsmBoundingBox? box = null;
        if (bbox is not null)
        {
            try
            {
                box = OsmBoundingBox.Parse(bbox);
            }
            catch (ArgumentException e)
            {
                throw new BadInputException($"--bbox '{bbox}': {e.Message}");
            }
        }

        var store = PlanningStore.OpenExisting(run.DbPath);
        var sink = new ListRoadSink();
        OsmImportSummary summary;
        try
        {
            summary = OsmRoadExtractor.Extract(path, sink, new OsmImportOptions(box), null, run.Cancellation);
        }
        catch (OsmImportException e)
        {
            throw new BadInputException(e.Message);
        }

        RoadNetworkShrink.Check(typed, RoadNetworkShrink.CurrentNodes(store), sink.Nodes.Count, allowShrink);
        var (nodes, edges) = store.ReplaceRoadNetwork(sink.Nodes, sink.Edges, run.Cancellation);
        if (run.Output.IsJson)
        {
            run.Output.Json(new { ok = true, database = store.Path, kind = "osm", file = typed, highwayWays = summary.HighwayWays, roadNodes = nodes, roadEdges = edges, missingNodes = summary.MissingNodes, waysWithMissingNodes = summary.WaysWithMissingNodes });
        }
        else
        {
            run.Output.Console.MarkupLineInterpolated(
                $"Imported {summary.HighwayWays:N0} highway ways from {typed} as {nodes:N0} road nodes and {edges:N0} road edges (the road network was replaced).");
            if (summary.WaysWithMissingNodes > 0)
            {
                run.Output.Console.MarkupLineInterpolated(
                    $"{summary.WaysWithMissingNodes:N0} way(s) reference nodes not in the file and were imported in parts (e.g. way {string.Join(", way ", summary.FirstWaysWithMissingNodes ?? [])}).");
            }
        }

        return ExitCodes.Ok;
    }
}
