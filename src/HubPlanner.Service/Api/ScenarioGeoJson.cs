using System.Text.Json;
using HubPlanner.Core.Planning;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Service.Api;

/// <summary>
/// The map of a scenario as planned: its problem after every ancestor's parameters and edits, as one RFC 7946
/// FeatureCollection (lon/lat, no crs member, CCW shells by the GeoJSON4STJ default) with a <c>layer</c>
/// property: <c>site</c>, <c>entry_point</c>, <c>zone</c>.
/// </summary>
internal static class ScenarioGeoJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Build(string scenarioName, PlanningProblem problem)
    {
        var features = new FeatureCollection();
        var gf = HubPlanner.Core.Geo.GeoFactory.Wgs84;
        foreach (var s in problem.Sites)
        {
            features.Add(new Feature(gf.CreatePoint(new Coordinate(Round(s.Lon), Round(s.Lat))), new AttributesTable
            {
                { "layer", "site" }, { "id", s.Id }, { "name", s.Name }, { "kind", s.Kind.ToString().ToLowerInvariant() },
                { "status", s.Status.ToString().ToLowerInvariant() }, { "storage_capacity_t", s.StorageCapacityT },
            }));
        }

        foreach (var e in problem.EntryPoints)
        {
            features.Add(new Feature(gf.CreatePoint(new Coordinate(Round(e.Lon), Round(e.Lat))), new AttributesTable
            {
                { "layer", "entry_point" }, { "id", e.Id }, { "name", e.Name }, { "kind", e.Kind.ToString().ToLowerInvariant() }, { "country", e.Country },
            }));
        }

        foreach (var z in problem.Zones)
        {
            features.Add(new Feature(z.Geometry, new AttributesTable
            {
                { "layer", "zone" }, { "id", z.Id }, { "name", z.Name }, { "kind", z.Kind.ToString().ToLowerInvariant() }, { "weight", z.Weight },
            }));
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            // The FeatureCollection is written by NTS; the scenario name travels in a foreign member.
            var json = JsonSerializer.SerializeToElement(features, Options);
            w.WriteStartObject();
            foreach (var p in json.EnumerateObject())
            {
                p.WriteTo(w);
            }

            w.WriteString("scenario", scenarioName);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static double Round(double degrees) => Math.Round(degrees, 6);

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions();
        o.Converters.Add(new GeoJsonConverterFactory());
        return o;
    }
}
