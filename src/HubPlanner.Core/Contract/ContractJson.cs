using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HubPlanner.Core.Geo;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Core.Contract;

/// <summary>
/// The one JSON contract of the product: every <c>--json</c> output, every API body, the stored report and the
/// scenario edits are written and read with <see cref="Options"/>. Keys are snake_case, enums snake_case
/// strings, geometries GeoJSON; a number whose key names a unit is rounded by that unit when written
/// (see <see cref="Units"/>); reading is strict (an unknown member, a missing required member or a null where
/// the type has none is an error).
/// </summary>
public static class ContractJson
{
    /// <summary>Version of the contract; the schemas live in <c>docs/schema/v1</c>.</summary>
    public const string Version = "v1";

    /// <summary>Units a key may end with (or hold as one of its <c>_</c>-separated words), and the decimals
    /// kept when a value is written: km and t to 0.01, minutes to 0.1, km² to 1, percentages to 0.01, hours
    /// and seconds to 0.01.</summary>
    public static IReadOnlyDictionary<string, int> Units { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["km"] = 2,
        ["t"] = 2,
        ["min"] = 1,
        ["minutes"] = 1,
        ["km2"] = 0,
        ["pct"] = 2,
        ["h"] = 2,
        ["hours"] = 2,
        ["s"] = 2,
        ["seconds"] = 2,
    };

    /// <summary>The options (compact output).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same contract, indented for a terminal (only whitespace differs from <see cref="Options"/>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Serialises <paramref name="value"/> in the contract shape.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a stored document in the contract shape, or, when <paramref name="isLegacy"/> recognises the
    /// shape written before contract v1, with <paramref name="legacy"/> options, so an existing database keeps
    /// loading.</summary>
    /// <exception cref="JsonException">Neither shape.</exception>
    public static T? DeserializeStored<T>(string json, JsonSerializerOptions legacy, Func<JsonElement, bool> isLegacy)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException) when (IsLegacyDocument(json, isLegacy))
        {
            return JsonSerializer.Deserialize<T>(json, legacy);
        }
    }

    private static bool IsLegacyDocument(string json, Func<JsonElement, bool> isLegacy)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object && isLegacy(doc.RootElement);
    }

    /// <summary>Decimals kept for a key, or null when its name holds no unit.</summary>
    public static int? DecimalsOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int? decimals = null;
        foreach (var word in key.Split('_'))
        {
            if (Units.TryGetValue(word, out var d))
            {
                decimals = d; // the last unit word wins: "airspace_km2_change" → km2
            }
        }

        return decimals;
    }

    /// <summary>Sets the contract on options created by a host (ASP.NET Core's HTTP JSON options).</summary>
    public static void ApplyTo(JsonSerializerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DictionaryKeyPolicy = null; // dictionary keys are data (parameter keys), already snake_case
        o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.PropertyNameCaseInsensitive = false;
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.RespectRequiredConstructorParameters = true;
        o.AllowOutOfOrderMetadataProperties = true;
        o.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RoundByUnit } };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84, writeGeometryBBox: false,
            idPropertyName: "id", ringOrientationOption: RingOrientationOption.EnforceRfc9746));
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var o = new JsonSerializerOptions { WriteIndented = indented };
        ApplyTo(o);
        o.MakeReadOnly();
        return o;
    }

    /// <summary>Gives every floating-point member the converter for its unit (rounding, non-finite as null).</summary>
    private static void RoundByUnit(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var p in type.Properties)
        {
            int? decimals = DecimalsOf(p.Name);
            if (p.PropertyType == typeof(double))
            {
                p.CustomConverter = new ContractNumberConverter(decimals);
            }
            else if (p.PropertyType == typeof(double?))
            {
                p.CustomConverter = new ContractNullableNumberConverter(decimals);
            }
            else if (p.PropertyType == typeof(IReadOnlyList<double>))
            {
                p.CustomConverter = new ContractNumberListConverter(decimals);
            }
        }
    }
}
