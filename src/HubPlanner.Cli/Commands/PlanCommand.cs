using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Import;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Planning;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner plan [--scenario S] [--model M] [--hubs K] [--time-limit SEC] [--seed N] [--out DIR]</c>:
/// the main job. Creates the default database first if it is missing, runs road matrix → placement →
/// allocation → routing → coverage, stores the result (report + GeoPackage layers) and writes
/// <c>OUT/plan.geojson</c>. Exits 4 when a stage produced nothing (routing delivered no order); the result is
/// stored all the same, with that stage marked <c>no_solution</c>.
/// </summary>
public sealed class PlanCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 40;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario to plan", DefaultValueFactory = _ => "base", HelpName = "S" };
        var model = new Option<string?>("--model") { Description = $"Placement model: {string.Join(", ", PlanParameters.Models)}", HelpName = "M" };
        var hubs = new Option<int?>("--hubs") { Description = "Number of hubs to open", HelpName = "K" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Time limit of each solver stage, s", HelpName = "SEC" };
        var seed = new Option<int?>("--seed") { Description = "Seed of every randomised search", HelpName = "N" };
        var outDir = new Option<string>("--out") { Description = "Folder for plan.geojson", DefaultValueFactory = _ => "out", HelpName = "DIR" };
        var data = new Option<string?>("--data") { Description = "Dataset folder used when the database must be created", HelpName = "DIR" };
        var deterministic = new Option<bool>("--deterministic")
        {
            Description = "Stop searches on solution limits, not time: the same seed gives the same plan on any machine",
        };
        var command = new Command("plan", "The main job: placement, allocation, routing and coverage; report + GeoJSON")
        {
            scenario, model, hubs, timeLimit, seed, outDir, data, deterministic,
        };
        return command.WithHandler(environment, run =>
        {
            // The output is checked before anything is solved or stored: a refused --out costs nothing and commits nothing.
            string outPath = Path.Combine(OutputPaths.CheckOutputFolder(run.Environment.Resolve(run.Parse.GetValue(outDir)!), run.DbPath, "plan.geojson"),
                "plan.geojson");
            var store = OpenOrCreate(run, run.Parse.GetValue(data));
            var overrides = PlanOverrides.FromOptions(run.Parse.GetValue(model), run.Parse.GetValue(hubs), run.Parse.GetValue(timeLimit),
                run.Parse.GetValue(seed), run.Parse.GetValue(deterministic));
            var planned = PlanProgressDisplay.Run(run,
                progress => new ScenarioPlanner(store).Plan(run.Parse.GetValue(scenario)!, overrides, progress, run.Cancellation));
            var (problem, result) = (planned.Problem, planned.Result);
            // The map layers first: if they cannot be written, nothing is stored and a retry does not duplicate the result.
            PlanGeoJson.Write(outPath, problem, result);
            long resultId = store.SavePlan(planned.Scenario.Id, result);

            if (run.Output.IsJson)
            {
                run.Output.Json(PlanReport.ToJson(result, resultId, outPath));
            }
            else
            {
                PlanReport.Write(run.Output.Console, result, problem);
                run.Output.Console.MarkupLineInterpolated($"Result {resultId} stored in {store.Path}; map layers written to [bold]{outPath}[/].");
            }

            if (result.StagesWithoutSolution.Count > 0)
            {
                run.Output.Diagnostic($"hubplanner: no solution from {string.Join(", ", result.StagesWithoutSolution.Select(st => $"{st.Stage} ({st.Message})"))}");
                return ExitCodes.NoSolution;
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary>Opens the database, creating it from the dataset first if it does not exist (so `plan` works on a fresh clone).</summary>
    internal static PlanningStore OpenOrCreate(CommandRun run, string? dataDirectory)
    {
        if (File.Exists(run.DbPath))
        {
            return PlanningStore.OpenExisting(run.DbPath);
        }

        string directory = DatasetLocator.Locate(run.Environment, dataDirectory);
        var prepared = DatasetImporter.ReadDataset(directory, run.Cancellation);
        PlanningStore store;
        try
        {
            store = PlanningStore.Open(run.DbPath);
            DatasetImporter.LoadDataset(store, prepared, run.Cancellation);
        }
        catch
        {
            // Never leave a database without its base data behind: the next run would plan on nothing.
            PlanningStore.Delete(run.DbPath);
            throw;
        }

        run.Output.Diagnostic($"hubplanner: created {store.Path} from {directory}");
        return store;
    }
}
