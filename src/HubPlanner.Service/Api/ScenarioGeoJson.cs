using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Service.Storage;

namespace HubPlanner.Service.Api;

/// <summary>
/// The map layer of a scenario's own what-if edits: added and moved sites as points, added zones as
/// polygons (RFC 7946: lon/lat, no crs member). The base dataset's layers come from the store's exporter.
/// </summary>
internal static class ScenarioGeoJson
{
    private static readonly JsonSerializerOptions EditJson = new() { PropertyNameCaseInsensitive = true };

    public static string Build(ScenarioRecord scenario, IReadOnlyList<ScenarioEditRecord> edits)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartObject("properties");
            w.WriteNumber("scenario_id", scenario.Id);
            w.WriteString("scenario", scenario.Name);
            w.WriteEndObject();
            w.WriteStartArray("features");
            foreach (var e in edits)
            {
                var edit = JsonSerializer.Deserialize<ScenarioEdit>(e.PayloadJson, EditJson);
                switch (edit)
                {
                    case AddSiteEdit a:
                        Point(w, e.Seq, "add_site", a.Site.Id, a.Site.Lon, a.Site.Lat, a.Describe());
                        break;
                    case MoveSiteEdit m:
                        Point(w, e.Seq, "move_site", m.SiteId, m.Lon, m.Lat, m.Describe());
                        break;
                    case AddZoneEdit z:
                        Zone(w, e.Seq, z);
                        break;
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Point(Utf8JsonWriter w, long seq, string kind, string siteId, double lon, double lat, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("geometry");
        w.WriteString("type", "Point");
        w.WriteStartArray("coordinates");
        w.WriteNumberValue(Math.Round(lon, 6));
        w.WriteNumberValue(Math.Round(lat, 6));
        w.WriteEndArray();
        w.WriteEndObject();
        Properties(w, seq, kind, siteId, text);
        w.WriteEndObject();
    }

    private static void Zone(Utf8JsonWriter w, long seq, AddZoneEdit z)
    {
        var geometry = new NetTopologySuite.IO.WKTReader(HubPlanner.Core.Geo.GeoFactory.Services).Read(z.GeometryWkt);
        // The GeoJSON4STJ writer already enforces RFC 7946 ring orientation (CCW shells) by default.
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WritePropertyName("geometry");
        JsonSerializer.Serialize(w, geometry, GeoJsonOptions.Value);
        Properties(w, seq, "add_zone", z.ZoneId, z.Describe());
        w.WriteEndObject();
    }

    private static readonly Lazy<JsonSerializerOptions> GeoJsonOptions = new(() =>
    {
        var o = new JsonSerializerOptions();
        o.Converters.Add(new NetTopologySuite.IO.Converters.GeoJsonConverterFactory());
        return o;
    });

    private static void Properties(Utf8JsonWriter w, long seq, string kind, string id, string text)
    {
        w.WriteStartObject("properties");
        w.WriteNumber("seq", seq);
        w.WriteString("edit", kind);
        w.WriteString("id", id);
        w.WriteString("description", text);
        w.WriteEndObject();
    }
}
