using System.Globalization;
using System.Text;
using System.Text.Json;
using HubPlanner.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.DataPrep;

/// <summary>One GeoJSON feature to write: ordered properties (for diff-able files) and a geometry.</summary>
internal sealed record OutFeature(IReadOnlyList<KeyValuePair<string, object?>> Properties, Geometry Geometry);

/// <summary>
/// GeoJSON in and out. Writing is done by hand so that the files are deterministic and diff-able: one
/// feature per line, properties in a fixed order, coordinates rounded to 6 decimals (~0.1 m), polygon
/// shells counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
/// </summary>
internal static class GeoJsonIo
{
    private static readonly JsonSerializerOptions ReadOptions = CreateReadOptions();

    private static JsonSerializerOptions CreateReadOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84));
        return options;
    }

    /// <summary>Reads a FeatureCollection with NTS's System.Text.Json converter (SRID 4326 factory).</summary>
    public static FeatureCollection Read(string path)
        => JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), ReadOptions)
            ?? throw new InvalidDataException($"{path}: not a GeoJSON FeatureCollection");

    /// <summary>Writes a FeatureCollection, one feature per line.</summary>
    public static void Write(string path, IEnumerable<OutFeature> features)
    {
        var sb = new StringBuilder();
        sb.Append("{\"type\":\"FeatureCollection\",\"features\":[\n");
        bool first = true;
        foreach (var f in features)
        {
            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            sb.Append("{\"type\":\"Feature\",\"properties\":{");
            for (int i = 0; i < f.Properties.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(JsonSerializer.Serialize(f.Properties[i].Key)).Append(':').Append(Value(f.Properties[i].Value));
            }

            sb.Append("},\"geometry\":");
            AppendGeometry(sb, f.Geometry);
            sb.Append('}');
        }

        sb.Append("\n]}\n");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static string Value(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => JsonSerializer.Serialize(s),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Csv.Num(d, 6),
        _ => throw new ArgumentException($"unsupported property value type {v.GetType().Name}"),
    };

    private static void AppendGeometry(StringBuilder sb, Geometry g)
    {
        switch (g)
        {
            case Point p:
                sb.Append("{\"type\":\"Point\",\"coordinates\":");
                AppendCoord(sb, p.Coordinate);
                sb.Append('}');
                break;
            case LineString l:
                sb.Append("{\"type\":\"LineString\",\"coordinates\":");
                AppendCoords(sb, l.Coordinates);
                sb.Append('}');
                break;
            case MultiLineString ml:
                sb.Append("{\"type\":\"MultiLineString\",\"coordinates\":[");
                for (int i = 0; i < ml.NumGeometries; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendCoords(sb, ml.GetGeometryN(i).Coordinates);
                }

                sb.Append("]}");
                break;
            case Polygon poly:
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":");
                AppendPolygon(sb, poly);
                sb.Append('}');
                break;
            case MultiPolygon mp:
                sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
                for (int i = 0; i < mp.NumGeometries; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendPolygon(sb, (Polygon)mp.GetGeometryN(i));
                }

                sb.Append("]}");
                break;
            default:
                throw new ArgumentException($"unsupported geometry {g.GeometryType}");
        }
    }

    private static void AppendPolygon(StringBuilder sb, Polygon p)
    {
        sb.Append('[');
        AppendRing(sb, p.ExteriorRing.Coordinates, counterClockwise: true);
        for (int i = 0; i < p.NumInteriorRings; i++)
        {
            sb.Append(',');
            AppendRing(sb, p.GetInteriorRingN(i).Coordinates, counterClockwise: false);
        }

        sb.Append(']');
    }

    private static void AppendRing(StringBuilder sb, Coordinate[] ring, bool counterClockwise)
    {
        var coords = ring;
        if (Orientation.IsCCW(ring) != counterClockwise)
        {
            coords = (Coordinate[])ring.Clone();
            Array.Reverse(coords);
        }

        AppendCoords(sb, coords);
    }

    private static void AppendCoords(StringBuilder sb, Coordinate[] coords)
    {
        sb.Append('[');
        for (int i = 0; i < coords.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            AppendCoord(sb, coords[i]);
        }

        sb.Append(']');
    }

    private static void AppendCoord(StringBuilder sb, Coordinate c)
        => sb.Append('[').Append(Csv.Num(c.X)).Append(',').Append(Csv.Num(c.Y)).Append(']');
}
