using System.Globalization;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Planning;
using Spectre.Console;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>The plan report: human tables (Spectre.Console) and the same content as one JSON document.</summary>
public static class PlanReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the human report.</summary>
    public static void Write(IAnsiConsole console, PlanResult r, PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(problem);
        console.Write(new Rule($"[bold]Plan of scenario '{Markup.Escape(r.Scenario)}'[/] — model {Markup.Escape(r.Model)}, seed {r.Seed}").LeftJustified());

        var stages = new Table().Title("Solver stages").AddColumns("stage", "status", "objective", "bound", "gap %", "s", "summary");
        foreach (var s in r.Stages)
        {
            stages.AddRow(s.Stage, s.Status.ToString().ToLowerInvariant(), N(s.Objective, "0.##"), N(s.Bound, "0.##"), N(s.GapPct, "0.###"),
                s.Seconds.ToString("0.0", Inv), Markup.Escape(s.Message));
        }

        console.Write(stages);

        var hubs = new Table().Title($"Hubs ({r.Hubs.Count})").AddColumns("hub", "kind", "why", "equipment", "equipment t / capacity t");
        foreach (var h in r.Hubs)
        {
            hubs.AddRow(Markup.Escape($"{h.Name} ({h.SiteId})"), h.Kind, Markup.Escape(h.Reason),
                Markup.Escape(h.Equipment.Count == 0 ? "—" : string.Join(", ", h.Equipment.Select(e => $"{e.Quantity}× {e.EquipmentTypeId}"))),
                $"{h.EquipmentWeightT.ToString("0", Inv)} / {h.CapacityT.ToString("0", Inv)}");
        }

        console.Write(hubs);
        if (r.Ineligible.Count > 0)
        {
            console.MarkupLineInterpolated($"[bold]Ineligible sites ({r.Ineligible.Count}):[/]");
            foreach (var i in r.Ineligible.Take(10))
            {
                console.MarkupLineInterpolated($"  {i.Name} ({i.SiteId}): {i.Reason}");
            }

            if (r.Ineligible.Count > 10)
            {
                console.MarkupLineInterpolated($"  … and {r.Ineligible.Count - 10} more");
            }
        }

        console.MarkupLineInterpolated(
            $"[bold]Routes:[/] {r.Routes.Count} vehicles, {r.RouteKm.ToString("N0", Inv)} km, {r.RouteHours.ToString("N1", Inv)} vehicle-hours, cost {r.RouteCost.ToString("N0", Inv)}; {r.Unserved.Count} order(s) unserved.");
        foreach (var u in r.Unserved.Take(10))
        {
            console.MarkupLineInterpolated($"  unserved {u.OrderId}: {u.Description} — {u.Reason}");
        }

        if (r.Unserved.Count > 10)
        {
            console.MarkupLineInterpolated($"  … and {r.Unserved.Count - 10} more");
        }

        var coverage = new Table().Title("Coverage per target altitude").AddColumns("altitude m", "airspace %", "covered km²", "≥1× km²", "≥2× km²", "≥3× km²",
            "coastal zone %", "coastline covered km");
        foreach (var b in r.Coverage)
        {
            coverage.AddRow(b.TargetAltitudeM.ToString("N0", Inv), b.AirspacePct.ToString("0.0", Inv), b.AirspaceCoveredKm2.ToString("N0", Inv),
                K(b, 0), K(b, 1), K(b, 2), b.CoastalPct.ToString("0.0", Inv),
                $"{b.CoastlineCoveredKm.ToString("N0", Inv)} of {b.CoastlineKm.ToString("N0", Inv)}");
        }

        console.Write(coverage);

        var top = r.Coverage.Count == 0 ? null : r.Coverage.MaxBy(b => b.TargetAltitudeM);
        if (top is not null)
        {
            var gaps = r.Gaps.Where(g => g.TargetAltitudeM == top.TargetAltitudeM).OrderBy(g => g.Rank).Take(5).ToList();
            if (gaps.Count > 0)
            {
                var table = new Table().Title($"Largest gaps at {top.TargetAltitudeM.ToString("N0", Inv)} m").AddColumns("rank", "area km²", "centroid", "nearest hub", "km");
                foreach (var g in gaps)
                {
                    table.AddRow(g.Rank.ToString(Inv), g.AreaKm2.ToString("N0", Inv), $"{g.CentroidLon.ToString("0.00", Inv)} E {g.CentroidLat.ToString("0.00", Inv)} N",
                        Markup.Escape(g.NearestHubId), N(g.NearestHubKm, "0"));
                }

                console.Write(table);
            }

            var losses = r.Losses.Where(l => l.TargetAltitudeM == top.TargetAltitudeM).OrderByDescending(l => l.AirspaceLostKm2).ToList();
            if (losses.Count > 0)
            {
                var table = new Table().Title($"Loss if one hub is lost (at {top.TargetAltitudeM.ToString("N0", Inv)} m)")
                    .AddColumns("hub", "airspace lost km²", "% of airspace", "coastal lost km²", "weighted demand lost");
                foreach (var l in losses)
                {
                    table.AddRow(Markup.Escape($"{l.Name} ({l.SiteId})"), l.AirspaceLostKm2.ToString("N0", Inv),
                        (top.AirspaceKm2 > 0 ? 100 * l.AirspaceLostKm2 / top.AirspaceKm2 : 0).ToString("0.00", Inv),
                        l.CoastalLostKm2.ToString("N0", Inv), l.WeightLost.ToString("N0", Inv));
                }

                console.Write(table);
            }
        }
    }

    /// <summary>The output of <c>plan --json</c>: the report in the contract shape (geometries included, the same
    /// document that is stored and served by the API) and where it was stored and written.</summary>
    public static PlanDocument ToJson(PlanResult r, long? resultId, string? geojsonPath)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new PlanDocument(r.StagesWithoutSolution.Count == 0, resultId, geojsonPath, r);
    }

    private static string N(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, Inv) : "—";

    private static string K(BandCoverage b, int i) => i < b.AirspaceCoveredAtLeastKm2.Count ? b.AirspaceCoveredAtLeastKm2[i].ToString("N0", Inv) : "—";
}
