using System.Text.Json;
using System.Text.Json.Serialization;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Core.Contract;

/// <summary>The stored plan report: a <see cref="PlanResult"/> in the contract shape.</summary>
public static class PlanReportJson
{
    // Reports stored before contract v1 are camelCase with "NaN"/"Infinity" as strings; they are still read so
    // that compare, export and warm starts keep working on an existing database.
    private static readonly JsonSerializerOptions Legacy = CreateLegacy();

    /// <summary>The report as contract JSON.</summary>
    public static string Serialize(PlanResult result) => JsonSerializer.Serialize(result, ContractJson.Options);

    /// <summary>Reads a stored report (contract shape, or the camelCase shape stored before contract v1).</summary>
    /// <exception cref="JsonException">Neither shape.</exception>
    public static PlanResult? Deserialize(string json) =>
        ContractJson.DeserializeStored<PlanResult>(json, Legacy, root => root.TryGetProperty("routeKm", out _));

    private static JsonSerializerOptions CreateLegacy()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84));
        return o;
    }
}
