using System.CommandLine;
using System.Globalization;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Core.Roads;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner route FROM TO [--vehicle TYPE]</c>: the fastest road route between two named places (towns,
/// sites, entry points, demand points; by id or name): distance, time and the road numbers along the way.
/// </summary>
public sealed class RouteCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 35;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var from = new Argument<string>("FROM") { Description = "Place, site, entry point or demand point (id or name)" };
        var to = new Argument<string>("TO") { Description = "Place, site, entry point or demand point (id or name)" };
        var vehicle = new Option<string?>("--vehicle") { Description = "Vehicle type id: its speed factor and gross weight (weak bridges) apply", HelpName = "TYPE" };
        var command = new Command("route", "Road distance, time and road numbers between two named places") { from, to, vehicle };
        return command.WithHandler(environment, run =>
        {
            var store = PlanningStore.OpenExisting(run.DbPath);
            var data = store.LoadBase(run.Cancellation);
            var points = data.Places.Select(p => new GeoPoint(p.Id, p.Name, p.Lon, p.Lat))
                .Concat(data.Sites.Select(s => new GeoPoint(s.Id, s.Name, s.Lon, s.Lat)))
                .Concat(data.EntryPoints.Select(e => new GeoPoint(e.Id, e.Name, e.Lon, e.Lat)))
                .Concat(data.DemandPoints.Select(d => new GeoPoint(d.Id, d.Name, d.Lon, d.Lat)))
                .ToList();
            GeoPoint Find(string text)
            {
                var hit = points.FirstOrDefault(p => string.Equals(p.Id, text, StringComparison.OrdinalIgnoreCase))
                          ?? points.FirstOrDefault(p => string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase));
                if (hit is not null)
                {
                    return hit;
                }

                var near = points.Where(p => p.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(p => $"{p.Name} ({p.Id})").Take(5).ToList();
                throw new BadInputException($"no place, site or entry point named '{text}'" + (near.Count > 0 ? $"; did you mean: {string.Join(", ", near)}?" : ""));
            }

            var a = Find(run.Parse.GetValue(from)!);
            var b = Find(run.Parse.GetValue(to)!);
            var type = run.Parse.GetValue(vehicle) is { } v
                ? data.VehicleTypes.FirstOrDefault(t => t.Id == v) ?? throw new BadInputException(
                    $"--vehicle: unknown vehicle type '{v}'; known: {string.Join(", ", data.VehicleTypes.Select(t => t.Id))}")
                : null;
            var travel = new RoadTravelCost(RoadGraph.Create(data.RoadNodes, data.Roads));
            var result = travel.Route(a, b, type, run.Cancellation);
            if (result.Route is not { } route)
            {
                throw new BadInputException($"no road route from {a.Name} to {b.Name}: {result.Unreachable?.Reason}");
            }

            if (run.Output.IsJson)
            {
                run.Output.Json(new
                {
                    ok = true,
                    from = new { a.Id, a.Name },
                    to = new { b.Id, b.Name },
                    vehicle = type?.Id,
                    distanceKm = Math.Round(route.DistanceKm, 2),
                    timeMin = Math.Round(route.TimeMin, 1),
                    roads = route.RoadNumbers,
                    edges = route.EdgeIds.Count,
                });
            }
            else
            {
                var inv = CultureInfo.InvariantCulture;
                run.Output.Console.MarkupLineInterpolated(
                    $"[bold]{a.Name}[/] → [bold]{b.Name}[/]{(type is null ? "" : $" ({type.Name})")}: {route.DistanceKm.ToString("N1", inv)} km, {route.TimeMin.ToString("N0", inv)} min ({(route.TimeMin / 60).ToString("0.0", inv)} h)");
                run.Output.Console.MarkupLineInterpolated($"Roads: {(route.RoadNumbers.Count == 0 ? "(unnumbered roads only)" : string.Join(" → ", route.RoadNumbers))}");
            }

            return ExitCodes.Ok;
        });
    }
}
