using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using HubPlanner.Core.Planning;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Contract;

/// <summary>
/// JSON Schemas (draft 2020-12) of the contract's documents, generated from the C# types with
/// <see cref="JsonSchemaExporter"/> over <see cref="ContractJson.Options"/>, so a schema cannot disagree with
/// what the product writes. The files are committed under <c>docs/schema/v1</c>.
/// </summary>
public static class ContractSchemas
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The edit kinds, as the <c>kind</c> member spells them.</summary>
    public static IReadOnlyList<string> EditKinds { get; } =
        ContractJson.Options.GetTypeInfo(typeof(ScenarioEdit)).PolymorphismOptions!.DerivedTypes.Select(d => (string)d.TypeDiscriminator!).ToList();

    /// <summary>The schema of <paramref name="type"/> as the contract writes it.</summary>
    public static JsonObject Export(Type type, string id, string title)
    {
        var options = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };
        var node = ContractJson.Options.GetJsonSchemaAsNode(type, options);
        var schema = node as JsonObject ?? new JsonObject();
        var root = new JsonObject { ["$schema"] = Draft, ["$id"] = id, ["title"] = title };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        return root;
    }

    /// <summary>One schema per edit kind, taken from the polymorphic edit schema: kind → schema.</summary>
    public static IReadOnlyDictionary<string, JsonObject> ExportEdits(string idPrefix)
    {
        var all = ContractJson.Options.GetJsonSchemaAsNode(typeof(ScenarioEdit),
            new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform });
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var branch in all["anyOf"]!.AsArray())
        {
            var kind = branch!["properties"]!["kind"]!["const"]!.GetValue<string>();
            var schema = new JsonObject
            {
                ["$schema"] = Draft, ["$id"] = $"{idPrefix}edit.{kind}.schema.json", ["title"] = $"Scenario edit '{kind}'", ["type"] = "object",
            };
            foreach (var (key, value) in branch.AsObject().ToList())
            {
                branch.AsObject().Remove(key);
                schema[key] = value;
            }

            var required = schema["required"] as JsonArray ?? [];
            if (!required.Any(r => r!.GetValue<string>() == "kind"))
            {
                required.Insert(0, "kind");
            }

            schema["required"] = required;
            schema["additionalProperties"] = false;
            result[kind] = schema;
        }

        return result;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo?.CustomConverter is IContractNumberConverter number)
        {
            bool list = context.PropertyInfo.PropertyType == typeof(IReadOnlyList<double>);
            var item = new JsonObject { ["type"] = new JsonArray("number", "null") };
            var unit = ContractJson.DecimalsOf(context.PropertyInfo.Name) is { } d
                ? $"Rounded to {(d == 0 ? "1" : "0." + new string('0', d - 1) + "1")}; null when not finite."
                : "Null when not finite.";
            return list
                ? new JsonObject { ["type"] = "array", ["items"] = item, ["description"] = unit }
                : new JsonObject { ["type"] = item["type"]!.DeepClone(), ["description"] = unit };
        }

        if (typeof(Geometry).IsAssignableFrom(context.TypeInfo.Type))
        {
            return new JsonObject
            {
                ["type"] = "object",
                ["description"] = "A GeoJSON geometry (RFC 7946), lon/lat WGS84.",
                ["required"] = new JsonArray("type"),
                ["properties"] = new JsonObject { ["type"] = new JsonObject { ["type"] = "string" } },
            };
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject o && o["properties"] is not null && context.TypeInfo.PolymorphismOptions is null)
        {
            o["additionalProperties"] = false; // the reader refuses unknown members
        }

        return schema;
    }

    /// <summary>The schema as committed: indented, ending with a newline.</summary>
    public static string ToText(JsonNode schema) =>
        schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}
