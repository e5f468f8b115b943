using System.Globalization;
using CsvHelper;
using HubPlanner.Core.Planning;

namespace HubPlanner.Data.PlanExport;

/// <summary>One leg of a vehicle: from its previous position to a stop, what it does there and when it arrives.</summary>
/// <param name="Seq">1 for the first stop of the vehicle.</param>
/// <param name="MovedT">Weight picked up or delivered at the stop, t (the change of the load on board).</param>
public sealed record MovementLeg(
    string Vehicle, string VehicleType, int Seq, string FromId, string FromName, string ToId, string ToName,
    string Action, string OrderId, double ArriveMin, double MovedT, double LoadAfterT);

/// <summary>What one location receives: every delivery made there, summed.</summary>
public sealed record HubReceipt(string LocationId, string LocationName, int Deliveries, int Vehicles, double ReceivedT, double FirstArrivalMin, double LastArrivalMin);

/// <summary>
/// Movement tables of a plan for logistics staff: one row per vehicle leg and stop, and one row per receiving
/// location. Vehicles leave their depot empty (routes are pickup-and-delivery), so the weight moved at a stop is
/// the change of the load on board.
/// </summary>
public static class PlanMovements
{
    /// <summary>Every leg of every route, in route then stop order.</summary>
    public static IReadOnlyList<MovementLeg> Legs(PlanResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var legs = new List<MovementLeg>();
        foreach (var r in plan.Routes)
        {
            string fromId = r.DepotId, fromName = r.DepotId;
            double load = 0;
            int seq = 0;
            foreach (var s in r.Stops)
            {
                legs.Add(new MovementLeg(r.VehicleId, r.VehicleTypeId, ++seq, fromId, fromName, s.LocationId, s.LocationName,
                    s.Action, s.OrderId, s.ArrivalMin, Math.Abs(s.LoadT - load), s.LoadT));
                load = s.LoadT;
                (fromId, fromName) = (s.LocationId, s.LocationName);
            }
        }

        return legs;
    }

    /// <summary>Deliveries summed per receiving location, by location id.</summary>
    public static IReadOnlyList<HubReceipt> Receipts(IReadOnlyList<MovementLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        return legs.Where(l => l.Action == "delivery")
            .GroupBy(l => (l.ToId, l.ToName))
            .OrderBy(g => g.Key.ToId, StringComparer.Ordinal)
            .Select(g => new HubReceipt(g.Key.ToId, g.Key.ToName, g.Count(), g.Select(l => l.Vehicle).Distinct(StringComparer.Ordinal).Count(),
                Math.Round(g.Sum(l => l.MovedT), 2), g.Min(l => l.ArriveMin), g.Max(l => l.ArriveMin)))
            .ToList();
    }

    /// <summary>Writes the legs to <paramref name="path"/> and the receipts next to it (<see cref="ReceiptsPath"/>), as CSV
    /// with snake_case headers and units in the names.</summary>
    public static void WriteCsv(string path, PlanResult plan)
    {
        var legs = Legs(plan);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Write(path, ["vehicle", "vehicle_type", "seq", "from_id", "from_name", "to_id", "to_name", "action", "order_id", "arrive_min", "moved_t", "load_after_t"],
            legs.Select(l => new object[] { l.Vehicle, l.VehicleType, l.Seq, l.FromId, l.FromName, l.ToId, l.ToName, l.Action, l.OrderId, Math.Round(l.ArriveMin, 1), Math.Round(l.MovedT, 2), Math.Round(l.LoadAfterT, 2) }));
        Write(ReceiptsPath(path), ["location_id", "location_name", "deliveries", "vehicles", "received_t", "first_arrival_min", "last_arrival_min"],
            Receipts(legs).Select(r => new object[] { r.LocationId, r.LocationName, r.Deliveries, r.Vehicles, r.ReceivedT, Math.Round(r.FirstArrivalMin, 1), Math.Round(r.LastArrivalMin, 1) }));
    }

    /// <summary>The receipts file next to the movements file: <c>moves.csv</c> → <c>moves.receipts.csv</c>.</summary>
    public static string ReceiptsPath(string movementsPath) =>
        Path.Combine(Path.GetDirectoryName(movementsPath) ?? "", Path.GetFileNameWithoutExtension(movementsPath) + ".receipts.csv");

    private static void Write(string path, string[] header, IEnumerable<object[]> rows)
    {
        string tmp = path + ".tmp";
        using (var writer = new StreamWriter(tmp))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var v in row)
                {
                    csv.WriteField(v);
                }

                csv.NextRecord();
            }
        }

        File.Move(tmp, path, overwrite: true);
    }
}
