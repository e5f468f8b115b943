using System.Net;
using System.Text.Json;
using HubPlanner.Contract.Tests;
using HubPlanner.Service.Tests.Api;

namespace HubPlanner.Service.Tests.Contract;

/// <summary>
/// <c>POST /api/scenarios/{id}/edits</c> accepts each edit kind in its documented snake_case shape only: the
/// valid body is stored and served back in the same shape; a body missing a field, or holding it with the
/// wrong type, is a 400 whose <c>errors</c> name that field (never a 500, never stored).
/// </summary>
public sealed class EditContractTests
{
    public static TheoryData<string, string, string, string> Edits => new()
    {
        // kind, a valid body, the field then dropped, the same body with that field mistyped
        { "add_site", """{"kind":"add_site","site":{"id":"new-depot","name":"New depot","kind":"depot","lon":28.0,"lat":49.5,"storage_capacity_t":500,"throughput_t_per_day":100,"fixed_cost":50,"status":"candidate"}}""", "site.status", """{"kind":"add_site","site":{"id":"new-depot","name":"New depot","kind":"depot","lon":"east","lat":49.5,"storage_capacity_t":500,"throughput_t_per_day":100,"fixed_cost":50,"status":"candidate"}}""" },
        { "remove_site", """{"kind":"remove_site","site_id":"vin-rail"}""", "site_id", """{"kind":"remove_site","site_id":7}""" },
        { "move_site", """{"kind":"move_site","site_id":"vin-rail","lon":28.5,"lat":49.25}""", "lat", """{"kind":"move_site","site_id":"vin-rail","lon":28.5,"lat":"north"}""" },
        { "set_site_status", """{"kind":"set_site_status","site_id":"vin-rail","status":"forced"}""", "status", """{"kind":"set_site_status","site_id":"vin-rail","status":"closed"}""" },
        { "set_inventory", """{"kind":"set_inventory","equipment_type_id":"sam-short","quantity":3,"holder_id":"west-gate"}""", "quantity", """{"kind":"set_inventory","equipment_type_id":"sam-short","quantity":"three","holder_id":"west-gate"}""" },
        { "add_zone", """{"kind":"add_zone","zone_id":"no-go","name":"No-go","zone_kind":"exclusion","weight":1,"geometry_wkt":"POLYGON ((28.3 49.3, 28.4 49.3, 28.4 49.4, 28.3 49.4, 28.3 49.3))"}""", "zone_kind", """{"kind":"add_zone","zone_id":"no-go","name":"No-go","zone_kind":"exclusion","weight":"heavy","geometry_wkt":"POLYGON ((28.3 49.3, 28.4 49.3, 28.4 49.4, 28.3 49.4, 28.3 49.3))"}""" },
        { "set_control", """{"kind":"set_control","areas":[{"area_id":"east","name":"East","status":"occupied","as_of":"2025-11-15","source":"test","active":true,"geometry_wkt":"POLYGON ((29 49, 29.5 49, 29.5 49.5, 29 49.5, 29 49))"}]}""", "areas", """{"kind":"set_control","areas":"east"}""" },
        { "set_param", """{"kind":"set_param","key":"hubs","value":"2"}""", "value", """{"kind":"set_param","key":"hubs","value":2}""" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task EachEditKind_InItsDocumentedShape_IsStored_AndAMissingOrMistypedField_Is400NamingIt(string kind, string valid, string dropped, string mistyped)
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        var id = (await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "w" })).Body.GetProperty("id").GetInt64();
        string path = $"/api/scenarios/{id}/edits";

        var missing = await s.SendAsync(HttpMethod.Post, path, Without(valid, dropped));
        var wrongType = await s.SendAsync(HttpMethod.Post, path, mistyped);
        var pascal = await s.SendAsync(HttpMethod.Post, path, PascalCase(valid));
        var ok = await s.SendAsync(HttpMethod.Post, path, valid);

        Assert.Equal(HttpStatusCode.BadRequest, missing.Response.StatusCode);
        Assert.Equal(["is required"], Errors(missing.Body, dropped));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Response.StatusCode);
        string mistypedField = MistypedField(valid, mistyped);
        Assert.True(Errors(wrongType.Body, mistypedField).Length > 0, $"no error named '{mistypedField}' in {wrongType.Body}");
        Assert.Equal(HttpStatusCode.BadRequest, pascal.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ok.Response.StatusCode);
        Assert.Equal(kind, ok.Body.GetProperty("edit").GetProperty("kind").GetString());
        ContractDocuments.AssertValid(ok.Body.GetProperty("edit"), $"edit.{kind}.schema.json");
        ContractDocuments.AssertValid(JsonDocument.Parse(valid).RootElement, $"edit.{kind}.schema.json");
        var shown = await s.SendAsync(HttpMethod.Get, $"/api/scenarios/{id}");
        Assert.Single(shown.Body.GetProperty("edits").EnumerateArray()); // only the valid body was stored
        ContractDocuments.AssertValid(shown.Body, "scenario.schema.json");
        ContractDocuments.AssertSnakeCaseKeys(shown.Body, "GET /api/scenarios/{id}");
    }

    [Fact]
    public async Task AnEditWithoutKind_WithAnUnknownMember_OrNotJson_Is400NamingIt()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        var id = (await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "w" })).Body.GetProperty("id").GetInt64();

        var noKind = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits", """{"site_id":"vin-rail"}""");
        var extra = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits", """{"kind":"remove_site","site_id":"vin-rail","reason":"lost"}""");
        var broken = await s.SendAsync(HttpMethod.Post, $"/api/scenarios/{id}/edits", """{"kind":"remove_site","site_id":""");

        Assert.Contains("is required: one of add_site", Errors(noKind.Body, "kind")[0], StringComparison.Ordinal);
        Assert.Contains("is not a member", Errors(extra.Body, "reason")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.Response.StatusCode);
        Assert.Contains("is not valid JSON", Errors(broken.Body, "body")[0], StringComparison.Ordinal);
    }

    private static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var e) ? e.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];

    /// <summary>The body without the member at <paramref name="dotted"/> (e.g. <c>site.status</c>).</summary>
    private static string Without(string json, string dotted)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var parts = dotted.Split('.');
        var target = node;
        foreach (var p in parts[..^1])
        {
            target = target[p]!.AsObject();
        }

        target.Remove(parts[^1]);
        return node.ToJsonString();
    }

    /// <summary>The one field (dotted path) whose value differs between the two bodies.</summary>
    private static string MistypedField(string a, string b)
    {
        static IEnumerable<(string, string)> Leaves(JsonElement e, string path) => e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}"))
            : [(path, e.GetRawText())];
        var left = Leaves(JsonDocument.Parse(a).RootElement, "").ToDictionary(x => x.Item1, x => x.Item2);
        return Leaves(JsonDocument.Parse(b).RootElement, "").Single(x => left[x.Item1] != x.Item2).Item1;
    }

    /// <summary>The body with its member names in PascalCase (the shape the API accepted before the contract).</summary>
    private static string PascalCase(string json)
    {
        static System.Text.Json.Nodes.JsonNode? Convert(System.Text.Json.Nodes.JsonNode? n)
        {
            if (n is not System.Text.Json.Nodes.JsonObject o)
            {
                return n?.DeepClone();
            }

            var copy = new System.Text.Json.Nodes.JsonObject();
            foreach (var (k, v) in o)
            {
                copy[k == "kind" ? k : string.Concat(k.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))] = Convert(v);
            }

            return copy;
        }

        return Convert(System.Text.Json.Nodes.JsonNode.Parse(json))!.ToJsonString();
    }
}
