using System.Globalization;
using CsvHelper;
using HubPlanner.Data.Store;

namespace HubPlanner.Cli.Tests.Commands;

/// <summary><c>export movements</c> on the mini dataset's deterministic plan, checked against the stored plan.</summary>
public sealed class MovementsExportTests : IDisposable
{
    private static readonly string PlanMini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!, StringComparer.Ordinal));
        }

        return rows;
    }

    [Fact]
    public void EveryDeliveredOrderAppearsOnce_WithItsArrival_AndPerVehicleTotalsEqualThePlan()
    {
        Assert.Equal(0, _cli.Run("plan", "--data", PlanMini, "--deterministic", "--hubs", "3", "--seed", "1").Exit);
        var (exit, stdout, stderr) = _cli.Run("export", "movements", "--scenario", "base", "--out", "t/moves.csv");
        Assert.True(exit == 0, stderr + stdout);

        var plan = PlanningStore.OpenExisting(_cli.DbPath).LatestPlan("base")!;
        var rows = ReadCsv(Path.Combine(_cli.Root, "t", "moves.csv"));
        var deliveries = plan.Routes.SelectMany(r => r.Stops.Where(s => s.Action == "delivery").Select(s => (r.VehicleId, s))).ToList();
        Assert.NotEmpty(deliveries);

        foreach (var (vehicle, stop) in deliveries)
        {
            var row = Assert.Single(rows, r => r["action"] == "delivery" && r["order_id"] == stop.OrderId);
            Assert.Equal(vehicle, row["vehicle"]);
            Assert.Equal(stop.LocationId, row["to_id"]);
            Assert.Equal(Math.Round(stop.ArrivalMin, 1), double.Parse(row["arrive_min"], CultureInfo.InvariantCulture));
        }

        foreach (var route in plan.Routes)
        {
            var mine = rows.Where(r => r["vehicle"] == route.VehicleId).ToList();
            Assert.Equal(route.Stops.Count, mine.Count);
            // Vehicles start empty: what they pick up is what they deliver plus what is still on board at the end.
            double picked = mine.Where(r => r["action"] == "pickup").Sum(r => double.Parse(r["moved_t"], CultureInfo.InvariantCulture));
            double delivered = mine.Where(r => r["action"] == "delivery").Sum(r => double.Parse(r["moved_t"], CultureInfo.InvariantCulture));
            Assert.Equal(route.Stops[^1].LoadT, picked - delivered, 1);
            Assert.Equal(route.Stops.Max(s => s.ArrivalMin), mine.Max(r => double.Parse(r["arrive_min"], CultureInfo.InvariantCulture)), 1);
        }

        var receipts = ReadCsv(Path.Combine(_cli.Root, "t", "moves.receipts.csv"));
        Assert.Equal(deliveries.Select(d => d.s.LocationId).Distinct().Order(StringComparer.Ordinal), receipts.Select(r => r["location_id"]));
        Assert.Equal(deliveries.Count, receipts.Sum(r => int.Parse(r["deliveries"], CultureInfo.InvariantCulture)));
    }
}
