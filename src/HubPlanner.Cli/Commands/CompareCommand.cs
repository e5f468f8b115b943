using System.CommandLine;
using System.Globalization;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary><c>hubplanner compare A B</c>: what changed between the latest plans of two scenarios.</summary>
public sealed class CompareCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 60;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var a = new Argument<string>("A") { Description = "First scenario (planned)" };
        var b = new Argument<string>("B") { Description = "Second scenario (planned)" };
        var command = new Command("compare", "What changed between two planned scenarios") { a, b };
        return command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            PlanResult Latest(string name) => store.LatestPlan(name)
                ?? throw new BadInputException($"scenario '{name}' has not been planned yet: run `hubplanner plan --scenario {name}` first");
            var c = PlanComparison.Compare(Latest(run.Parse.GetValue(a)!), Latest(run.Parse.GetValue(b)!));
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, comparison = c });
                return ExitCodes.Ok;
            }

            var inv = CultureInfo.InvariantCulture;
            var console = run.Output.Console;
            console.Write(new Rule($"[bold]{Markup.Escape(c.ScenarioA)}[/] → [bold]{Markup.Escape(c.ScenarioB)}[/]").LeftJustified());
            console.MarkupLineInterpolated($"Hubs added:   {(c.HubsAdded.Count == 0 ? "none" : string.Join(", ", c.HubsAdded))}");
            console.MarkupLineInterpolated($"Hubs removed: {(c.HubsRemoved.Count == 0 ? "none" : string.Join(", ", c.HubsRemoved))}");
            console.MarkupLineInterpolated($"Hubs kept:    {c.HubsKept.Count}");
            var table = new Table().Title("Coverage").AddColumns("altitude m", "airspace % A → B", "Δ km²", "coastal % A → B", "Δ km²");
            foreach (var d in c.Coverage)
            {
                table.AddRow(d.TargetAltitudeM.ToString("N0", inv), $"{d.AirspacePctA.ToString("0.0", inv)} → {d.AirspacePctB.ToString("0.0", inv)}",
                    d.AirspaceKm2Change.ToString("+#,0;-#,0;0", inv), $"{d.CoastalPctA.ToString("0.0", inv)} → {d.CoastalPctB.ToString("0.0", inv)}",
                    d.CoastalKm2Change.ToString("+#,0;-#,0;0", inv));
            }

            console.Write(table);
            if (!c.RoutesComparable)
            {
                string which = string.Join(" and ", new[] { (c.NoSolutionA, c.ScenarioA), (c.NoSolutionB, c.ScenarioB) }
                    .Where(x => x.Item1.Contains("routing")).Select(x => x.Item2));
                console.MarkupLineInterpolated(
                    $"Routes: not compared: routing of {which} produced no solution (no order delivered); re-plan with a longer --time-limit.");
            }
            else
            {
                console.MarkupLineInterpolated(
                    $"Routes: {c.VehiclesA} → {c.VehiclesB} vehicles; {c.RouteKmA.ToString("N0", inv)} → {c.RouteKmB.ToString("N0", inv)} km; {c.RouteHoursA.ToString("N1", inv)} → {c.RouteHoursB.ToString("N1", inv)} h; cost {c.RouteCostA.ToString("N0", inv)} → {c.RouteCostB.ToString("N0", inv)}; {c.RoutesChanged} route(s) changed; unserved {c.UnservedA} → {c.UnservedB}.");
            }

            console.MarkupLineInterpolated($"Solve time: {c.SolveSecondsA.ToString("0.0", inv)} s → {c.SolveSecondsB.ToString("0.0", inv)} s.");
            return ExitCodes.Ok;
        });
    }
}
