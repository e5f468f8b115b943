using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Import;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner init [--force] [--data DIR]</c>: create or migrate the database and load the dataset.
/// Idempotent: when the database already holds this exact dataset nothing is written. The dataset is read
/// and checked in full before the database is touched (or, with --force, deleted).
/// </summary>
public sealed class InitCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 10;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var force = new Option<bool>("--force") { Description = "Delete the database and create it afresh" };
        var data = new Option<string?>("--data") { Description = $"Dataset folder (default: the nearest {DatasetLocator.RelativePath} above the current or program directory)", HelpName = "DIR" };
        var command = new Command("init", "Create or migrate the database and load the Ukraine dataset") { force, data };
        return command.WithHandler(environment, run =>
        {
            string directory = DatasetLocator.Locate(run.Environment, run.Parse.GetValue(data));
            var prepared = DatasetImporter.ReadDataset(directory, run.Cancellation);

            bool forced = run.Parse.GetValue(force);
            bool existedBefore = File.Exists(run.DbPath);
            if (forced)
            {
                PlanningStore.Delete(run.DbPath);
            }

            bool existed = File.Exists(run.DbPath);
            var store = PlanningStore.Open(run.DbPath);
            var outcome = DatasetImporter.LoadDataset(store, prepared, run.Cancellation);
            var migrations = store.AppliedMigrations();

            if (run.Output.IsJson)
            {
                run.Output.Json(new
                {
                    ok = true,
                    database = store.Path,
                    created = !existed,
                    recreated = forced && existedBefore,
                    schemaVersion = migrations[^1].Version,
                    dataset = new
                    {
                        directory = outcome.Directory,
                        sha256 = outcome.Sha256,
                        changed = outcome.Changed,
                        files = outcome.Files.Select(f => new { kind = ImportKinds.CliName(f.Kind), file = f.File, records = f.Records }),
                    },
                });
                return ExitCodes.Ok;
            }

            var console = run.Output.Console;
            string what = forced && existedBefore ? "Recreated" : !existed ? "Created" : "Opened";
            console.MarkupLineInterpolated($"{what} [bold]{store.Path}[/] (schema version {migrations[^1].Version}).");
            if (!outcome.Changed)
            {
                console.MarkupLineInterpolated($"Already up to date with {outcome.Directory}; nothing changed.");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumn("file").AddColumn(new TableColumn("records").RightAligned());
            foreach (var file in outcome.Files)
            {
                table.AddRow(Markup.Escape(Path.GetFileName(file.File)), file.Records.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.MarkupLineInterpolated($"Loaded {outcome.Directory} in one transaction.");
            return ExitCodes.Ok;
        });
    }
}
