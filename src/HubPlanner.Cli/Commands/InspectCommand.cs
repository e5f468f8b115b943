using System.CommandLine;
using System.Globalization;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Inspect;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary><c>hubplanner inspect</c>: counts per table, inventory by type, road connectivity and border area.</summary>
public sealed class InspectCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 20;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var command = new Command("inspect", "Counts, inventories, road-network connectivity, border area");
        return command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            var report = StoreInspector.Inspect(store, run.Cancellation);
            if (run.Output.IsJson)
            {
                run.Output.Json(new
                {
                    ok = true,
                    database = report.Database,
                    schemaVersion = report.Migrations.Count == 0 ? 0 : report.Migrations[^1].Version,
                    tables = report.Tables.ToDictionary(t => t.Table, t => t.Rows),
                    inventory = report.Inventory,
                    roadNetwork = report.Roads,
                    roadLengthKm = report.RoadLengthKm,
                    borderAreaKm2 = report.BorderAreaKm2,
                });
                return ExitCodes.Ok;
            }

            Write(run.Output.Console, report);
            return ExitCodes.Ok;
        });
    }

    private static void Write(IAnsiConsole console, InspectionReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLineInterpolated($"[bold]{report.Database}[/] (schema version {(report.Migrations.Count == 0 ? 0 : report.Migrations[^1].Version)})");

        var counts = new Table().Title("Rows per table").AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var t in report.Tables)
        {
            counts.AddRow(t.Table, t.Rows.ToString("N0", inv));
        }

        console.Write(counts);

        var inventory = new Table().Title("Inventory by equipment type").AddColumn("type").AddColumn("name").AddColumn("category")
            .AddColumn(new TableColumn("quantity").RightAligned()).AddColumn(new TableColumn("holders").RightAligned());
        foreach (var i in report.Inventory)
        {
            inventory.AddRow(Markup.Escape(i.EquipmentTypeId), Markup.Escape(i.Name), Markup.Escape(i.Category), i.Quantity.ToString("N0", inv),
                i.Holders.ToString(inv));
        }

        console.Write(inventory);

        var roads = report.Roads;
        string verdict = roads.Components <= 1 ? "connected" : $"{roads.Components} components (largest first: {string.Join(", ", roads.ComponentSizes)} nodes)";
        console.MarkupLineInterpolated(
            $"Road network: {roads.Nodes:N0} nodes, {roads.Edges:N0} roads, {report.RoadLengthKm ?? 0:N0} km; {verdict}; {roads.IsolatedNodes} isolated node(s).");
        console.MarkupLine(report.BorderAreaKm2 is { } area
            ? string.Create(inv, $"Border area: {area:N0} km² (Ukraine equal-area projection).")
            : "Border area: no border loaded.");
    }
}
