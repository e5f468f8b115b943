using System.Text.Json;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Planning;
using NetTopologySuite.Features;

namespace HubPlanner.Data.PlanExport;

/// <summary>
/// A plan as the web map reads it: the <see cref="PlanGeoJson"/> FeatureCollection with three foreign members the
/// flat feature properties cannot hold: <c>scenario</c>, <c>route_stops</c> (every vehicle's stops with action,
/// order, load and arrival) and <c>losses</c> (what each hub's loss uncovers, per altitude band). Numbers follow the
/// JSON contract (rounded by the unit in the key).
/// </summary>
public static class PlanMapJson
{
    /// <summary>Writes the document.</summary>
    public static string Write(string scenario, FeatureCollection features, PlanResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var p in JsonDocument.Parse(PlanGeoJson.Serialize(features)).RootElement.EnumerateObject())
            {
                p.WriteTo(w);
            }

            w.WriteString("scenario", scenario);
            w.WriteStartArray("route_stops");
            foreach (var r in plan.Routes)
            {
                w.WriteStartObject();
                w.WriteString("vehicle", r.VehicleId);
                w.WriteString("vehicle_type", r.VehicleTypeId);
                w.WriteStartArray("stops");
                foreach (var s in r.Stops)
                {
                    w.WriteStartObject();
                    w.WriteString("location_id", s.LocationId);
                    w.WriteString("location_name", s.LocationName);
                    w.WriteString("action", s.Action);
                    w.WriteString("order_id", s.OrderId);
                    Number(w, "load_t", s.LoadT);
                    Number(w, "arrival_min", s.ArrivalMin);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("losses");
            foreach (var l in plan.Losses)
            {
                w.WriteStartObject();
                w.WriteString("site_id", l.SiteId);
                w.WriteString("name", l.Name);
                Number(w, "target_altitude_m", l.TargetAltitudeM);
                Number(w, "airspace_lost_km2", l.AirspaceLostKm2);
                Number(w, "coastal_lost_km2", l.CoastalLostKm2);
                Number(w, "weight_lost", l.WeightLost);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter w, string key, double value)
    {
        if (!double.IsFinite(value))
        {
            w.WriteNull(key);
            return;
        }

        w.WriteNumber(key, ContractJson.DecimalsOf(key) is { } d ? Math.Round(value, d, MidpointRounding.AwayFromZero) : value);
    }
}
