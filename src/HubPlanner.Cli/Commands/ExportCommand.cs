using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Input;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary><c>hubplanner export geojson|gpkg --scenario S [--out FILE]</c>: a planned scenario's layers for map tools.</summary>
public sealed class ExportCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 70;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var command = new Command("export", "Layers of a planned scenario for map tools (GeoJSON or GeoPackage)");
        foreach (var format in new[] { "geojson", "gpkg" })
        {
            var scenario = new Option<string>("--scenario") { Description = "Planned scenario", DefaultValueFactory = _ => PlanningStore.BaseScenarioName, HelpName = "S" };
            var output = new Option<string?>("--out") { Description = $"Output file (default: out/SCENARIO.{format})", HelpName = "FILE" };
            var sub = new Command(format, format == "geojson" ? "One RFC 7946 FeatureCollection with a 'layer' property" : "A GeoPackage with one table per layer")
            {
                scenario, output,
            };
            string f = format;
            sub.WithHandler(environment, run =>
            {
                string name = run.Parse.GetValue(scenario)!;
                string path = OutputPaths.CheckOutputFile(run.Environment.Resolve(run.Parse.GetValue(output) ?? Path.Combine("out", $"{name}.{f}")), run.DbPath);
                var store = PlanningStore.OpenExisting(run.DbPath);
                var plan = store.LatestPlan(name)
                           ?? throw new BadInputException($"scenario '{name}' has not been planned yet: run `hubplanner plan --scenario {name}` first");
                var problem = store.LoadProblem(name, run.Cancellation);
                if (f == "geojson")
                {
                    PlanGeoJson.Write(path, problem, plan);
                }
                else
                {
                    PlanGeoPackage.Write(path, problem, plan);
                }

                if (run.Output.IsJson)
                {
                    run.Output.Json(new { ok = true, scenario = name, format = f, path });
                }
                else
                {
                    run.Output.Console.MarkupLineInterpolated($"Wrote {path}");
                }

                return ExitCodes.Ok;
            });
            command.Subcommands.Add(sub);
        }

        command.Subcommands.Add(MovementsExport.Build(environment));
        return command;
    }
}
