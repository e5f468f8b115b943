using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Input;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary><c>export movements</c>: the movement table (one row per vehicle leg and stop) and the receipts per
/// location of a planned scenario, as CSV.</summary>
internal static class MovementsExport
{
    public static Command Build(CliEnvironment environment)
    {
        var scenario = new Option<string>("--scenario") { Description = "Planned scenario", DefaultValueFactory = _ => PlanningStore.BaseScenarioName, HelpName = "S" };
        var output = new Option<string?>("--out") { Description = "Movements CSV (default: out/SCENARIO.moves.csv); receipts go next to it as NAME.receipts.csv", HelpName = "FILE" };
        var command = new Command("movements", "Movement table (vehicle, from, to, action, order, arrival, weight moved) and receipts per location, as CSV.\n" +
                                               "Example: hubplanner export movements --scenario base --out moves.csv")
        {
            scenario, output,
        };
        command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            string name = run.Parse.GetValue(scenario)!;
            var plan = store.LatestPlan(name)
                       ?? throw new BadInputException($"scenario '{name}' has not been planned yet: run `hubplanner plan --scenario {name}` first");
            string path = run.Environment.Resolve(run.Parse.GetValue(output) ?? Path.Combine("out", $"{name}.moves.csv"));
            PlanMovements.WriteCsv(path, plan);
            string receipts = PlanMovements.ReceiptsPath(path);
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, scenario = name, path, receipts_path = receipts });
            }
            else
            {
                run.Output.Console.MarkupLineInterpolated($"Wrote {path} and {receipts}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
