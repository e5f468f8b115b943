using System.Text.Json;

namespace HubPlanner.Data.Tests.PlanExport;

/// <summary>An independent checker of the RFC 7946 rules HubPlanner promises for its GeoJSON output.</summary>
internal static class Rfc7946
{
    /// <summary>Every violation found, one sentence each (empty if the text complies).</summary>
    public static List<string> Violations(string json, int maxDecimals = 6)
    {
        var v = new List<string>();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.GetProperty("type").GetString() != "FeatureCollection")
        {
            v.Add("root is not a FeatureCollection");
        }

        if (root.TryGetProperty("crs", out _))
        {
            v.Add("root has a crs member");
        }

        int i = 0;
        foreach (var f in root.GetProperty("features").EnumerateArray())
        {
            if (f.TryGetProperty("crs", out _))
            {
                v.Add($"feature {i} has a crs member");
            }

            if (!f.TryGetProperty("properties", out var props) || !props.TryGetProperty("layer", out _))
            {
                v.Add($"feature {i} has no layer property");
            }

            CheckGeometry(f.GetProperty("geometry"), i, maxDecimals, v);
            i++;
        }

        return v;
    }

    private static void CheckGeometry(JsonElement g, int feature, int maxDecimals, List<string> v)
    {
        var type = g.GetProperty("type").GetString();
        var c = g.GetProperty("coordinates");
        switch (type)
        {
            case "Point":
                CheckPosition(c, feature, maxDecimals, v);
                break;
            case "LineString" or "MultiPoint":
                foreach (var p in c.EnumerateArray()) CheckPosition(p, feature, maxDecimals, v);
                break;
            case "MultiLineString":
                foreach (var l in c.EnumerateArray()) foreach (var p in l.EnumerateArray()) CheckPosition(p, feature, maxDecimals, v);
                break;
            case "Polygon":
                CheckPolygon(c, feature, maxDecimals, v);
                break;
            case "MultiPolygon":
                foreach (var poly in c.EnumerateArray()) CheckPolygon(poly, feature, maxDecimals, v);
                break;
            default:
                v.Add($"feature {feature} has geometry type {type}");
                break;
        }
    }

    private static void CheckPolygon(JsonElement rings, int feature, int maxDecimals, List<string> v)
    {
        int r = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            var pts = ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
            foreach (var p in ring.EnumerateArray()) CheckPosition(p, feature, maxDecimals, v);
            double signed = 0;
            for (int k = 0; k + 1 < pts.Count; k++)
            {
                signed += pts[k].Item1 * pts[k + 1].Item2 - pts[k + 1].Item1 * pts[k].Item2;
            }

            if (r == 0 && signed < 0)
            {
                v.Add($"feature {feature}: exterior ring is clockwise");
            }

            if (r > 0 && signed > 0)
            {
                v.Add($"feature {feature}: hole {r} is counter-clockwise");
            }

            r++;
        }
    }

    private static void CheckPosition(JsonElement p, int feature, int maxDecimals, List<string> v)
    {
        double lon = p[0].GetDouble(), lat = p[1].GetDouble();
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            v.Add($"feature {feature}: position ({lon}, {lat}) is not lon/lat");
        }

        foreach (var x in new[] { p[0], p[1] })
        {
            var text = x.GetRawText();
            int dot = text.IndexOf('.', StringComparison.Ordinal);
            if (text.Contains('e', StringComparison.OrdinalIgnoreCase) || (dot >= 0 && text.Length - dot - 1 > maxDecimals))
            {
                v.Add($"feature {feature}: coordinate {text} has more than {maxDecimals} decimals");
                return;
            }
        }
    }
}
