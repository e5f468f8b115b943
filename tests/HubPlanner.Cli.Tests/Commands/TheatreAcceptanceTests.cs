using System.Text.Json;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Theatre;
using HubPlanner.Data.Store;

namespace HubPlanner.Cli.Tests.Commands;

/// <summary>Issue 16's acceptance on the shipped dataset: hubs outside the threat rings and the cities, demand behind the line.</summary>
public sealed class TheatreAcceptanceTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void ShippedPlan_KeepsEveryHubOutsideItsRingsAndTheCities_AndShiftingTheLine30KmRemovesTheSitesItNowThreatens()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var data = PlanningStore.OpenExisting(_cli.DbPath).LoadBase();
        var eligibility = data.Threats.Where(t => t.Effect == ThreatEffect.Eligibility).ToList();
        double widest = eligibility.Max(t => t.RangeKm);
        Assert.True(widest >= 40);

        var basePlan = Plan("base");
        var hubs = basePlan.GetProperty("hubs").EnumerateArray().ToList();
        Assert.NotEmpty(hubs);
        foreach (var hub in hubs)
        {
            // Every hub reports its distance and rings, and is outside every eligibility ring (all kinds must avoid them).
            double km = hub.GetProperty("hostile_distance_km").GetDouble();
            Assert.True(km >= widest, $"{hub.GetProperty("site_id")} is {km} km from hostile territory");
            var rings = hub.GetProperty("threat_rings").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.DoesNotContain(rings, r => eligibility.Any(t => t.Id == r));
            Assert.Contains("srbm", rings); // the exposure rings are reported
        }

        // No hub inside an urban area or within the default 10 km of one.
        var hubSites = data.Sites.Where(s => hubs.Any(h => h.GetProperty("site_id").GetString() == s.Id)).ToList();
        Assert.Empty(UrbanAreas.Ineligible(hubSites, data.UrbanAreas, 10));

        // Move the line 30 km: sites now inside a ring are ineligible with the ring named; the hubs stay outside.
        Assert.Equal(0, _cli.Run("scenario", "create", "line-30", "--from", "base").Exit);
        var edit = _cli.Run("scenario", "edit", "line-30", "--shift-control", "30");
        Assert.True(edit.Exit == 0, edit.Err);
        var shifted = Plan("line-30");
        var before = Reasons(basePlan);
        var after = Reasons(shifted);
        // A site keeps the first reason found and rings come before cities: a site that only the moved line threatens
        // goes from eligible, or from an urban reason, to a ring reason (on the shipped data: Dnipro airport and depot, Lozova).
        var newlyThreatened = after.Where(a => a.Value.Contains(" ring (", StringComparison.Ordinal)
                                               && !(before.TryGetValue(a.Key, out var was) && was.Contains(" ring (", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(newlyThreatened);
        Assert.All(newlyThreatened, a => Assert.Contains("from hostile territory (Occupied territory", a.Value, StringComparison.Ordinal));
        Assert.All(shifted.GetProperty("hubs").EnumerateArray(), h => Assert.True(h.GetProperty("hostile_distance_km").GetDouble() >= widest));
    }

    [Fact]
    public void ShippedDemand_HasNoPointInOccupiedGroundOrWithin30KmOfTheLine()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var data = PlanningStore.OpenExisting(_cli.DbPath).LoadBase();
        var line = data.Control.Where(c => c.Active && c.Status is ControlStatus.Occupied or ControlStatus.Contested).ToList();
        Assert.NotEmpty(line);
        var map = ThreatMap.Create(line, []);

        Assert.All(data.DemandPoints, d => Assert.True(map.Nearest(d.Lon, d.Lat)!.Value.Km >= 30, $"{d.Id} is too close to the line"));
        Assert.Contains(data.Control, c => c.Id == "transnistria" && !c.Active);
        Assert.Contains(data.Control, c => c.Id == "belarus" && c.IsHostile);
    }

    private JsonElement Plan(string scenario)
    {
        var run = _cli.Run("plan", "--scenario", scenario, "--time-limit", "2", "--json", "--out", Path.Combine(_cli.Root, "out-" + scenario));
        Assert.True(run.Exit == 0, run.Err);
        return CliHarness.Json(run.Out).GetProperty("report");
    }

    private static Dictionary<string, string> Reasons(JsonElement report) =>
        report.GetProperty("ineligible").EnumerateArray().ToDictionary(i => i.GetProperty("site_id").GetString()!, i => i.GetProperty("reason").GetString()!);
}
