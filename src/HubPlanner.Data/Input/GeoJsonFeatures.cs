using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Data.Input;

/// <summary>The properties of one GeoJSON feature, read as typed fields.</summary>
internal sealed class GeoJsonFeature : FieldSource
{
    private readonly JsonElement _properties;
    private readonly JsonElement _feature;

    public GeoJsonFeature(ErrorCollector errors, int index, JsonElement feature, JsonElement properties, Geometry? geometry)
        : base(errors)
    {
        Index = index;
        _feature = feature;
        _properties = properties;
        Geometry = geometry;
    }

    /// <summary>0-based index in the <c>features</c> array.</summary>
    public int Index { get; }

    /// <summary>The feature's geometry (SRID 4326), or null if it was missing or unreadable (already reported).</summary>
    public Geometry? Geometry { get; }

    protected override void ReportAt(ErrorCollector errors, string? field, string message) => errors.AtFeature(Index, field, message);

    protected override RawValue Get(string field)
    {
        if (_properties.ValueKind == JsonValueKind.Object && _properties.TryGetProperty(field, out var value))
        {
            return ToRaw(value);
        }

        // RFC 7946 puts a feature's id beside its properties; FORMAT.md puts it inside. Accept either.
        if (field == "id" && _feature.TryGetProperty("id", out var topId))
        {
            return ToRaw(topId);
        }

        return new RawValue(RawKind.Missing);
    }

    private static RawValue ToRaw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => new RawValue(RawKind.Null),
        JsonValueKind.String => new RawValue(RawKind.Text, value.GetString()),
        JsonValueKind.Number => new RawValue(RawKind.Number, Number: value.GetDouble()),
        JsonValueKind.True => new RawValue(RawKind.Boolean, Boolean: true),
        JsonValueKind.False => new RawValue(RawKind.Boolean, Boolean: false),
        _ => new RawValue(RawKind.Other, "a JSON " + value.ValueKind.ToString().ToLowerInvariant()),
    };
}

/// <summary>
/// Reads a GeoJSON FeatureCollection feature by feature, so that one bad geometry or property is reported
/// with its feature index instead of failing the whole file. Geometries are decoded by
/// NetTopologySuite.IO.GeoJSON4STJ into the one SRID-4326 factory and checked for WGS84 ranges.
/// </summary>
internal static class GeoJsonFeatures
{
    private static readonly JsonSerializerOptions GeometryOptions = CreateOptions();

    /// <summary>Reads the features of <paramref name="path"/>; geometry types not in <paramref name="allowed"/> are rejected.</summary>
    public static IReadOnlyList<GeoJsonFeature> Read(string path, ErrorCollector errors, params OgcGeometryType[] allowed)
        => Read(path, errors, allowNoFeatures: false, allowed);

    /// <summary>As <see cref="Read(string, ErrorCollector, OgcGeometryType[])"/>; an empty FeatureCollection is accepted
    /// when <paramref name="allowNoFeatures"/> (optional context layers).</summary>
    public static IReadOnlyList<GeoJsonFeature> Read(string path, ErrorCollector errors, bool allowNoFeatures, params OgcGeometryType[] allowed)
    {
        string allowedText = string.Join(" or ", allowed);
        JsonDocument document;
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                errors.AtFile($"is empty; expected a GeoJSON FeatureCollection of {allowedText} features");
                return [];
            }

            if (!Utf8Input.Check(bytes, errors))
            {
                return [];
            }

            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.AtFile("cannot be read: " + e.Message);
            return [];
        }
        catch (JsonException e)
        {
            errors.AtFile(string.Create(CultureInfo.InvariantCulture,
                $"is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message.Split('.')[0]}"));
            return [];
        }

        bool keepAlive = false;
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "FeatureCollection")
            {
                errors.AtFile("expected a GeoJSON object with \"type\": \"FeatureCollection\"");
                return [];
            }

            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                errors.AtFile("expected a \"features\" array");
                return [];
            }

            if (features.GetArrayLength() == 0 && !allowNoFeatures)
            {
                errors.AtFile($"has no features; expected {allowedText} features");
                return [];
            }

            var result = new List<GeoJsonFeature>(features.GetArrayLength());
            int index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var read = ReadFeature(feature, index, errors, allowed, allowedText);
                if (read is not null)
                {
                    result.Add(read);
                }

                index++;
            }

            // The features keep JsonElements of this document, so it must outlive this method; left to the GC
            // (its rented buffers simply do not go back to the pool), which saves a Clone per feature.
            keepAlive = true;
            return result;
        }
        finally
        {
            if (!keepAlive)
            {
                document.Dispose();
            }
        }
    }

    private static GeoJsonFeature? ReadFeature(JsonElement feature, int index, ErrorCollector errors,
        OgcGeometryType[] allowed, string allowedText)
    {
        if (feature.ValueKind != JsonValueKind.Object
            || !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            errors.AtFeature(index, null, "expected an object with \"type\": \"Feature\"");
            return null;
        }

        feature.TryGetProperty("properties", out var properties);
        if (properties.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            errors.AtFeature(index, "properties", "expected an object");
            return null;
        }

        Geometry? geometry = null;
        if (!feature.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind == JsonValueKind.Null)
        {
            errors.AtFeature(index, "geometry", $"expected a {allowedText} geometry, found none");
        }
        else
        {
            try
            {
                geometry = geometryElement.Deserialize<Geometry>(GeometryOptions);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                errors.AtFeature(index, "geometry",
                    $"expected a {allowedText} geometry with numeric [lon, lat] positions; it cannot be read: {e.Message.Split('.')[0]}");
            }

            if (geometry is not null)
            {
                geometry = CheckGeometry(geometry, index, errors, allowed, allowedText);
            }
        }

        return new GeoJsonFeature(errors, index, feature, properties, geometry);
    }

    private static Geometry? CheckGeometry(Geometry geometry, int index, ErrorCollector errors,
        OgcGeometryType[] allowed, string allowedText)
    {
        if (!allowed.Contains(geometry.OgcGeometryType))
        {
            errors.AtFeature(index, "geometry", $"expected a {allowedText} geometry, found a {geometry.OgcGeometryType}");
            return null;
        }

        if (geometry.IsEmpty)
        {
            errors.AtFeature(index, "geometry", $"expected a non-empty {allowedText} geometry");
            return null;
        }

        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
            {
                errors.AtFeature(index, "geometry", string.Create(CultureInfo.InvariantCulture,
                    $"expected [lon, lat] positions with lon between -180 and 180 and lat between -90 and 90, found [{c.X}, {c.Y}]"));
                return null;
            }
        }

        geometry.SRID = GeoFactory.Wgs84Srid;
        return geometry;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84));
        return options;
    }
}
