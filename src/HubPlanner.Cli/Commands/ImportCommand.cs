using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
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
        string[] kinds = ImportKinds.All.Select(ImportKinds.CliName).ToArray();
        var kind = new Argument<string>("KIND") { Description = "What the file holds: " + string.Join(", ", kinds) };
        kind.AcceptOnlyFromAmong(kinds);
        var file = new Argument<string>("FILE") { Description = "CSV or GeoJSON file in the format of data/FORMAT.md" };
        var command = new Command("import", "Import one CSV/GeoJSON file into the database, atomically") { kind, file };
        return command.WithHandler(environment, run =>
        {
            if (!ImportKinds.TryParse(run.Parse.GetValue(kind)!, out var importKind))
            {
                throw new BadInputException($"Unknown kind '{run.Parse.GetValue(kind)}'; expected one of {string.Join(", ", kinds)}.");
            }

            string typed = run.Parse.GetValue(file)!;
            var store = PlanningStore.OpenExisting(run.DbPath);
            var outcome = DatasetImporter.ImportFile(store, importKind, run.Environment.Resolve(typed), typed, run.Cancellation);
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
}
