using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Contract;

/// <summary>Scenario edits as stored and served: the contract shape (<c>{"kind":"remove_site","site_id":"…"}</c>).</summary>
public static class EditJson
{
    // Databases written before contract v1 hold edits in the records' default shape (PascalCase, enums as
    // numbers); they are still read so that an existing scenario keeps loading.
    // The one member renamed since (add_zone's "Kind", now "zone_kind": "kind" names the edit) keeps its old name there.
    private static readonly JsonSerializerOptions Legacy = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    foreach (var p in type.Properties.Where(p => p.Name == "zone_kind"))
                    {
                        p.Name = "Kind";
                    }
                },
            },
        },
    };

    /// <summary>The edit as contract JSON.</summary>
    public static string Serialize(ScenarioEdit edit) => JsonSerializer.Serialize(edit, ContractJson.Options);

    /// <summary>Reads a stored edit (contract shape, or the shape stored before contract v1).</summary>
    /// <exception cref="JsonException">Neither shape.</exception>
    public static ScenarioEdit? Deserialize(string json) =>
        ContractJson.DeserializeStored<ScenarioEdit>(json, Legacy,
            root => root.EnumerateObject().Any(p => p.Name != "kind" && p.Name.Length > 0 && char.IsUpper(p.Name[0])));
}
