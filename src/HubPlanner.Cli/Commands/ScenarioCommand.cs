using System.CommandLine;
using System.Globalization;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner scenario create|edit|list|show</c>: what-if scenarios. A child scenario stores only its edits;
/// an edit that does not apply (unknown site, a move outside Ukraine, an unknown equipment type…) is refused
/// and the scenario stays as it was.
/// </summary>
public sealed class ScenarioCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 50;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var command = new Command("scenario", "What-if scenarios: branch, edit sites / inventories / zones / parameters");
        command.Subcommands.Add(Create(environment));
        command.Subcommands.Add(Edit(environment));
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Show(environment));
        return command;
    }

    private static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("NAME") { Description = "Name of the new scenario" };
        var from = new Option<string>("--from") { Description = "Parent scenario", DefaultValueFactory = _ => PlanningStore.BaseScenarioName, HelpName = "PARENT" };
        var command = new Command("create", "Branch a what-if scenario from a parent") { name, from };
        return command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            var s = store.CreateScenario(run.Parse.GetValue(name)!, run.Parse.GetValue(from)!);
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, scenario = new { s.Id, s.Name, parent = run.Parse.GetValue(from) } });
            }
            else
            {
                run.Output.Console.MarkupLineInterpolated($"Created scenario [bold]{s.Name}[/] (id {s.Id}) from {run.Parse.GetValue(from)}.");
            }

            return ExitCodes.Ok;
        });
    }

    private static int Undo(CommandRun run, string scenario, int? seq, bool edited)
    {
        if (edited)
        {
            throw new BadInputException("scenario edit: --undo removes one edit and takes no other edit in the same command");
        }

        if (seq is < 1)
        {
            throw new BadInputException($"scenario edit --undo: '{seq}' is not an edit sequence number (1 or more)");
        }

        var store = PlanningStore.OpenExisting(run.DbPath);
        var removal = store.RemoveEdit(scenario, seq, run.Cancellation);
        if (run.Output.IsJson)
        {
            run.Output.Json(new { ok = true, scenario, removed_seq = removal.Removed.Seq, removed_kind = removal.Removed.Kind, still_failing = removal.StillFailing });
            return ExitCodes.Ok;
        }

        run.Output.Console.MarkupLineInterpolated($"  - edit #{removal.Removed.Seq} ({removal.Removed.Kind}) removed from scenario [bold]{scenario}[/].");
        foreach (string problem in removal.StillFailing)
        {
            run.Output.Console.MarkupLineInterpolated($"  [yellow]still does not load:[/] {problem}");
        }

        return ExitCodes.Ok;
    }

    private static Command Edit(CliEnvironment environment)
    {
        var name = new Argument<string>("NAME") { Description = "Scenario to edit" };
        var addSite = new Option<string[]>("--add-site") { Description = "New site: ID,NAME,KIND,LON,LAT[,CAPACITY_T[,FIXED_COST]]", HelpName = "SPEC" };
        var removeSite = new Option<string[]>("--remove-site") { Description = "Remove a site (e.g. a hub that is lost)", HelpName = "ID" };
        var moveSite = new Option<string[]>("--move-site") { Description = "Move a site: ID LON LAT", Arity = new ArgumentArity(3, 3), AllowMultipleArgumentsPerToken = true, HelpName = "ID LON LAT" };
        var force = new Option<string[]>("--force") { Description = "Force a site open", HelpName = "ID" };
        var forbid = new Option<string[]>("--forbid") { Description = "Forbid a site", HelpName = "ID" };
        var inventory = new Option<string[]>("--set-inventory") { Description = "Stock of a type at an entry point: TYPE=QTY@ENTRY", HelpName = "TYPE=QTY@ENTRY" };
        var addZone = new Option<string[]>("--add-zone") { Description = "GeoJSON file of polygon zones (properties id, name, kind, weight)", HelpName = "FILE" };
        var param = new Option<string[]>("--param") { Description = $"Plan parameter key=value; keys and ranges: {PlanParameters.RangesText}", HelpName = "KEY=VALUE" };
        var shiftControl = new Option<double?>("--shift-control") { Description = "Grow the occupied areas of the control map by KM within Ukraine (negative: shrink)", HelpName = "KM" };
        var setControl = new Option<string?>("--set-control") { Description = "Replace the control map with a GeoJSON file (the control import format)", HelpName = "FILE" };
        var undo = new Option<int?>("--undo")
        {
            Description = "Remove the scenario's edit SEQ (its last edit without SEQ); refused, naming the edit, if a later edit depends on it",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "SEQ",
        };
        var command = new Command("edit", "Add edits to a what-if scenario (all or nothing), or remove one with --undo")
        {
            name, addSite, removeSite, moveSite, force, forbid, inventory, addZone, param, shiftControl, setControl, undo,
        };
        return command.WithHandler(environment, run =>
        {
            if (run.Parse.GetResult(undo) is not null)
            {
                return Undo(run, run.Parse.GetValue(name)!, run.Parse.GetValue(undo), edited: new[] { addSite, removeSite, force, forbid, inventory, addZone, param }
                    .Any(o => (run.Parse.GetValue(o) ?? []).Length > 0) || (run.Parse.GetValue(moveSite) ?? []).Length > 0
                    || run.Parse.GetValue(shiftControl) is not null || run.Parse.GetValue(setControl) is not null);
            }

            var edits = new List<ScenarioEdit>();
            foreach (var spec in run.Parse.GetValue(addSite) ?? [])
            {
                edits.Add(new AddSiteEdit(ParseSite(spec)));
            }

            edits.AddRange((run.Parse.GetValue(removeSite) ?? []).Select(id => new RemoveSiteEdit(id)));
            var moves = run.Parse.GetValue(moveSite) ?? [];
            for (int i = 0; i + 2 < moves.Length; i += 3)
            {
                edits.Add(new MoveSiteEdit(moves[i], Number(moves[i + 1], "--move-site LON"), Number(moves[i + 2], "--move-site LAT")));
            }

            edits.AddRange((run.Parse.GetValue(force) ?? []).Select(id => new SetSiteStatusEdit(id, SiteStatus.Forced)));
            edits.AddRange((run.Parse.GetValue(forbid) ?? []).Select(id => new SetSiteStatusEdit(id, SiteStatus.Forbidden)));
            foreach (var spec in run.Parse.GetValue(inventory) ?? [])
            {
                edits.Add(ParseInventory(spec));
            }

            foreach (var file in run.Parse.GetValue(addZone) ?? [])
            {
                edits.AddRange(ReadZones(run.Environment.Resolve(file)));
            }

            if (run.Parse.GetValue(setControl) is { } controlFile)
            {
                edits.Add(HubPlanner.Data.Import.ControlFile.ReadEdit(run.Environment.Resolve(controlFile), controlFile));
            }

            if (run.Parse.GetValue(shiftControl) is { } shiftKm)
            {
                edits.Add(new ShiftControlEdit(shiftKm));
            }

            foreach (var kv in run.Parse.GetValue(param) ?? [])
            {
                int eq = kv.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new BadInputException($"--param '{kv}': expected KEY=VALUE");
                }

                edits.Add(new SetParameterEdit(kv[..eq].Trim(), kv[(eq + 1)..].Trim()));
            }

            if (edits.Count == 0)
            {
                throw new BadInputException("scenario edit: give at least one edit (--add-site, --remove-site, --move-site, --force, --forbid, --set-inventory, --add-zone, --param, --shift-control, --set-control)");
            }

            var store = PlanningStore.OpenExisting(run.DbPath);
            var stored = store.ApplyEdits(run.Parse.GetValue(name)!, edits, run.Cancellation);
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, scenario = run.Parse.GetValue(name), edits = edits.Select(e => e.Describe()), stored = stored.Select(s => s.Seq) });
            }
            else
            {
                foreach (var e in edits)
                {
                    run.Output.Console.MarkupLineInterpolated($"  + {e.Describe()}");
                }

                run.Output.Console.MarkupLineInterpolated($"{edits.Count} edit(s) stored in scenario [bold]{run.Parse.GetValue(name)}[/].");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command List(CliEnvironment environment)
    {
        var command = new Command("list", "List scenarios");
        return command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            var all = store.ListScenarios();
            var rows = all.Select(s => new
            {
                s.Id,
                s.Name,
                parent = s.ParentId is { } pid ? all.FirstOrDefault(x => x.Id == pid)?.Name : null,
                edits = store.ListEdits(s.Id).Count,
                planned = store.LatestResult(s.Id) is not null,
            }).ToList();
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, scenarios = rows });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("id", "name", "parent", "edits", "planned");
            foreach (var r in rows)
            {
                table.AddRow(r.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Name), Markup.Escape(r.parent ?? "—"),
                    r.edits.ToString(CultureInfo.InvariantCulture), r.planned ? "yes" : "no");
            }

            run.Output.Console.Write(table);
            return ExitCodes.Ok;
        });
    }

    private static Command Show(CliEnvironment environment)
    {
        var name = new Argument<string>("NAME") { Description = "Scenario" };
        var command = new Command("show", "A scenario's edits and its latest plan") { name };
        return command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            var s = store.GetScenario(run.Parse.GetValue(name)!) ?? throw new BadInputException($"No scenario named '{run.Parse.GetValue(name)}'.");
            var edits = store.ListEdits(s.Id).Select(e => PlanningStore.DeserializeEdit(e).Describe()).ToList();
            var plan = store.LatestPlan(s.Name);
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, scenario = s.Name, s.Id, edits, plan });
                return ExitCodes.Ok;
            }

            run.Output.Console.MarkupLineInterpolated($"[bold]{s.Name}[/] (id {s.Id}), {edits.Count} edit(s):");
            foreach (var e in edits)
            {
                run.Output.Console.MarkupLineInterpolated($"  {e}");
            }

            if (plan is null)
            {
                run.Output.Console.MarkupLine("Not planned yet: run `hubplanner plan --scenario NAME`.");
            }
            else
            {
                PlanReport.Write(run.Output.Console, plan, store.LoadProblem(s.Name, run.Cancellation));
            }

            return ExitCodes.Ok;
        });
    }

    private static readonly System.Text.Json.JsonSerializerOptions GeoJsonOptions = new()
    {
        Converters = { new GeoJsonConverterFactory(Core.Geo.GeoFactory.Wgs84) },
    };

    private static Site ParseSite(string spec)
    {
        var f = spec.Split(',', StringSplitOptions.TrimEntries);
        if (f.Length is < 5 or > 7)
        {
            throw new BadInputException($"--add-site '{spec}': expected ID,NAME,KIND,LON,LAT[,CAPACITY_T[,FIXED_COST]]");
        }

        if (!Enum.TryParse<SiteKind>(f[2], ignoreCase: true, out var kind))
        {
            throw new BadInputException($"--add-site '{spec}': kind '{f[2]}' is not one of airfield, rail, port, depot, city, other");
        }

        return new Site(f[0], f[1], kind, Number(f[3], "--add-site LON"), Number(f[4], "--add-site LAT"),
            f.Length > 5 ? Number(f[5], "--add-site CAPACITY_T") : 2000, 0, f.Length > 6 ? Number(f[6], "--add-site FIXED_COST") : 0,
            SiteStatus.Candidate);
    }

    private static SetInventoryEdit ParseInventory(string spec)
    {
        int eq = spec.IndexOf('=', StringComparison.Ordinal), at = spec.IndexOf('@', StringComparison.Ordinal);
        if (eq <= 0 || at <= eq + 1 || at == spec.Length - 1
            || !int.TryParse(spec[(eq + 1)..at], NumberStyles.Integer, CultureInfo.InvariantCulture, out int qty))
        {
            throw new BadInputException($"--set-inventory '{spec}': expected TYPE=QTY@ENTRY with an integer quantity, e.g. mrad=4@pl-krakovets");
        }

        return new SetInventoryEdit(spec[..eq], qty, spec[(at + 1)..]);
    }

    private static double Number(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new BadInputException($"{what}: '{text}' is not a number");

    private static List<AddZoneEdit> ReadZones(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"--add-zone: no file {path}");
        }

        FeatureCollection? features;
        try
        {
            features = System.Text.Json.JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), GeoJsonOptions);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BadInputException($"{Path.GetFileName(path)}: not a GeoJSON FeatureCollection ({e.Message})");
        }

        if (features is null || features.Count == 0)
        {
            throw new BadInputException($"{Path.GetFileName(path)}: the file holds no feature");
        }

        var zones = new List<AddZoneEdit>();
        for (int i = 0; i < features.Count; i++)
        {
            var f = features[i];
            string Prop(string key, string fallback) =>
                f.Attributes is not null && f.Attributes.Exists(key) && f.Attributes[key] is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture)! : fallback;
            if (f.Geometry is not (Polygon or MultiPolygon))
            {
                throw new BadInputException($"{Path.GetFileName(path)}: feature {i}: geometry: expected a Polygon or MultiPolygon, found {f.Geometry?.GeometryType ?? "none"}");
            }

            string kindText = Prop("kind", "exclusion");
            if (!Enum.TryParse<ZoneKind>(kindText, ignoreCase: true, out var kind))
            {
                throw new BadInputException($"{Path.GetFileName(path)}: feature {i}: field 'kind': expected airspace, coastal, exclusion or priority, found \"{kindText}\"");
            }

            string id = Prop("id", $"{Path.GetFileNameWithoutExtension(path)}-{i + 1}");
            zones.Add(new AddZoneEdit(id, Prop("name", id), kind,
                double.TryParse(Prop("weight", "1"), NumberStyles.Float, CultureInfo.InvariantCulture, out double w) ? w : 1, f.Geometry.AsText()));
        }

        return zones;
    }
}
