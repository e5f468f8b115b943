using System.Net;
using HubPlanner.Service.Tests.Api;
using Xunit.Abstractions;

namespace HubPlanner.Service.Tests.Hardening;

/// <summary>
/// Hostile requests, at least four per edit kind and per endpoint, against the real service on the mini dataset
/// (sites khm-air, vin-rail, zhy-depot, bc-depot, uman-depot; entry point west-gate; border 26.5–31 E × 48–50.5 N).
/// Each must get its documented status, a body naming the field, and leave every table exactly as it was.
/// </summary>
public sealed class BadRequestCorpusTests(ITestOutputHelper output)
{
    private const string Square = "POLYGON((28 49, 28.5 49, 28.5 49.5, 28 49.5, 28 49))";

    /// <summary>(label, method, path, body, expected status, fragment the body must contain).</summary>
    public static IEnumerable<(string Label, string Method, string Path, string? Body, int Status, string Field)> Cases()
    {
        const string edits = "/api/scenarios/2/edits";
        // add_site
        yield return ("add_site without site", "POST", edits, """{"kind":"add_site"}""", 400, "site");
        yield return ("add_site lon 300", "POST", edits, Site("\"lon\":300,\"lat\":49"), 400, "lon");
        yield return ("add_site lat text", "POST", edits, Site("\"lon\":28,\"lat\":\"north\""), 400, "lat");
        yield return ("add_site kind castle", "POST", edits, Site("\"lon\":28,\"lat\":49", kind: "castle"), 400, "kind");
        yield return ("add_site existing id", "POST", edits, Site("\"lon\":28,\"lat\":49", id: "vin-rail"), 400, "vin-rail");
        yield return ("add_site in Spain", "POST", edits, Site("\"lon\":-3.7,\"lat\":40.4"), 400, "outside");
        // remove_site
        yield return ("remove_site without site_id", "POST", edits, """{"kind":"remove_site"}""", 400, "site_id");
        yield return ("remove_site unknown", "POST", edits, """{"kind":"remove_site","site_id":"atlantis"}""", 400, "atlantis");
        yield return ("remove_site number", "POST", edits, """{"kind":"remove_site","site_id":42}""", 400, "site_id");
        yield return ("remove_site null", "POST", edits, """{"kind":"remove_site","site_id":null}""", 400, "site_id");
        // move_site
        yield return ("move_site without lon", "POST", edits, """{"kind":"move_site","site_id":"vin-rail","lat":49}""", 400, "lon");
        yield return ("move_site lon 300", "POST", edits, """{"kind":"move_site","site_id":"vin-rail","lon":300,"lat":49}""", 400, "lon");
        yield return ("move_site lat text", "POST", edits, """{"kind":"move_site","site_id":"vin-rail","lon":28,"lat":"x"}""", 400, "lat");
        yield return ("move_site outside border", "POST", edits, """{"kind":"move_site","site_id":"vin-rail","lon":20,"lat":49}""", 400, "outside");
        yield return ("move_site unknown site", "POST", edits, """{"kind":"move_site","site_id":"atlantis","lon":28,"lat":49}""", 400, "atlantis");
        // set_site_status
        yield return ("set_site_status closed", "POST", edits, """{"kind":"set_site_status","site_id":"vin-rail","status":"closed"}""", 400, "status");
        yield return ("set_site_status 99", "POST", edits, """{"kind":"set_site_status","site_id":"vin-rail","status":99}""", 400, "status");
        yield return ("set_site_status no site", "POST", edits, """{"kind":"set_site_status","status":"forced"}""", 400, "site_id");
        yield return ("set_site_status unknown site", "POST", edits, """{"kind":"set_site_status","site_id":"atlantis","status":"forced"}""", 400, "atlantis");
        // set_inventory
        yield return ("set_inventory negative", "POST", edits, """{"kind":"set_inventory","equipment_type_id":"sam-medium","quantity":-1,"holder_id":"west-gate"}""", 400, "quantity");
        yield return ("set_inventory text quantity", "POST", edits, """{"kind":"set_inventory","equipment_type_id":"sam-medium","quantity":"many","holder_id":"west-gate"}""", 400, "quantity");
        yield return ("set_inventory unknown type", "POST", edits, """{"kind":"set_inventory","equipment_type_id":"laser","quantity":1,"holder_id":"west-gate"}""", 400, "laser");
        yield return ("set_inventory unknown holder", "POST", edits, """{"kind":"set_inventory","equipment_type_id":"sam-medium","quantity":1,"holder_id":"mars"}""", 400, "mars");
        yield return ("set_inventory no holder", "POST", edits, """{"kind":"set_inventory","equipment_type_id":"sam-medium","quantity":1}""", 400, "holder_id");
        // add_zone
        yield return ("add_zone kind 99", "POST", edits, Zone("\"zone_kind\":99,\"weight\":1", Square), 400, "zone_kind");
        yield return ("add_zone weight -1", "POST", edits, Zone("\"zone_kind\":\"exclusion\",\"weight\":-1", Square), 400, "weight");
        yield return ("add_zone lon 300", "POST", edits, Zone("\"zone_kind\":\"exclusion\",\"weight\":1", "POLYGON((300 49, 301 49, 301 50, 300 49))"), 400, "geometry_wkt");
        yield return ("add_zone point", "POST", edits, Zone("\"zone_kind\":\"exclusion\",\"weight\":1", "POINT(28 49)"), 400, "polygon");
        yield return ("add_zone garbage wkt", "POST", edits, Zone("\"zone_kind\":\"exclusion\",\"weight\":1", "not wkt"), 400, "WKT");
        yield return ("add_zone no geometry", "POST", edits, """{"kind":"add_zone","zone_id":"z","name":"Z","zone_kind":"exclusion","weight":1}""", 400, "geometry_wkt");
        // set_param
        yield return ("set_param unknown key", "POST", edits, """{"kind":"set_param","key":"teleport","value":"1"}""", 400, "teleport");
        yield return ("set_param hubs text", "POST", edits, """{"kind":"set_param","key":"hubs","value":"many"}""", 400, "hubs");
        yield return ("set_param cell_km tiny", "POST", edits, """{"kind":"set_param","key":"cell_km","value":"0.0001"}""", 400, "cell_km");
        yield return ("set_param no value", "POST", edits, """{"kind":"set_param","key":"hubs"}""", 400, "value");
        yield return ("shift_control without distance_km", "POST", edits, """{"kind":"shift_control"}""", 400, "distance_km");
        yield return ("shift_control distance text", "POST", edits, """{"kind":"shift_control","distance_km":"far"}""", 400, "distance_km");
        yield return ("shift_control distance 5000", "POST", edits, """{"kind":"shift_control","distance_km":5000}""", 400, "distance_km");
        yield return ("shift_control distance NaN", "POST", edits, """{"kind":"shift_control","distance_km":"NaN"}""", 400, "distance_km");
        yield return ("shift_control distance 1e308", "POST", edits, """{"kind":"shift_control","distance_km":1e308}""", 400, "distance_km");
        yield return ("set_control without areas", "POST", edits, """{"kind":"set_control"}""", 400, "areas");
        yield return ("set_control empty areas", "POST", edits, """{"kind":"set_control","areas":[]}""", 400, "areas");
        yield return ("set_control areas object", "POST", edits, """{"kind":"set_control","areas":{}}""", 400, "areas");
        yield return ("set_control garbage wkt", "POST", edits, Control("\"geometry_wkt\":\"not wkt\""), 400, "WKT");
        yield return ("set_control status liberated", "POST", edits, Control("\"status\":\"liberated\""), 400, "status");
        yield return ("set_control point geometry", "POST", edits, Control("\"geometry_wkt\":\"POINT(28 49)\""), 400, "polygon");
        yield return ("set_control as_of not a date", "POST", edits, Control("\"as_of\":\"soon\""), 400, "as_of");
        // the edits endpoint itself
        yield return ("edit unknown kind", "POST", edits, """{"kind":"teleport"}""", 400, "kind");
        yield return ("edit broken JSON", "POST", edits, """{"kind":""", 400, "body");
        yield return ("edit on base", "POST", "/api/scenarios/1/edits", """{"kind":"remove_site","site_id":"vin-rail"}""", 400, "base");
        yield return ("edit on missing scenario", "POST", "/api/scenarios/999/edits", """{"kind":"remove_site","site_id":"vin-rail"}""", 404, "999");
        // POST /api/scenarios
        yield return ("scenario no name", "POST", "/api/scenarios", "{}", 400, "name");
        yield return ("scenario path name", "POST", "/api/scenarios", """{"name":"../etc"}""", 400, "name");
        yield return ("scenario unknown parent", "POST", "/api/scenarios", """{"name":"x","parent":"nope"}""", 400, "parent");
        yield return ("scenario bad param", "POST", "/api/scenarios", """{"name":"x","params":{"hubs":"0"}}""", 400, "params.hubs");
        yield return ("scenario name taken", "POST", "/api/scenarios", """{"name":"w"}""", 409, "w");
        // DELETE /api/scenarios/{id}/edits/{seq}
        yield return ("delete edit unknown seq", "DELETE", "/api/scenarios/2/edits/99", null, 404, "#99");
        yield return ("delete edit of base", "DELETE", "/api/scenarios/1/edits/1", null, 400, "base");
        yield return ("delete edit of missing scenario", "DELETE", "/api/scenarios/999/edits/1", null, 404, "999");
        yield return ("delete edit a later one needs", "DELETE", "/api/scenarios/2/edits/1", null, 409, "edit #2");
        // POST /api/jobs
        yield return ("job unknown kind", "POST", "/api/jobs", """{"kind":"teleport"}""", 400, "kind");
        yield return ("job no kind", "POST", "/api/jobs", """{"params":{}}""", 400, "kind");
        yield return ("job text scenario", "POST", "/api/jobs", """{"kind":"plan","scenario_id":"seven"}""", 400, "scenario_id");
        yield return ("job bad hubs", "POST", "/api/jobs", """{"kind":"plan","params":{"hubs":"many"}}""", 400, "hubs");
        yield return ("job cell_km tiny", "POST", "/api/jobs", """{"kind":"plan","params":{"cell_km":0.0001}}""", 400, "cell_km");
        // POST /api/jobs/{id}/cancel and reads
        yield return ("cancel missing job", "POST", "/api/jobs/999/cancel", null, 404, "999");
        yield return ("cancel job -1", "POST", "/api/jobs/-1/cancel", null, 404, "-1");
        yield return ("cancel job huge", "POST", "/api/jobs/99999999999/cancel", null, 404, "99999999999");
        yield return ("cancel job 0", "POST", "/api/jobs/0/cancel", null, 404, "0");
        // every read that takes an id: a missing one, a negative one, zero and one past any stored id
        string[] reads =
        [
            "/api/scenarios/{0}", "/api/scenarios/{0}/geojson", "/api/scenarios/{0}/plan/geojson", "/api/scenarios/{0}/movements",
            "/api/jobs/{0}", "/api/results/{0}", "/api/results/{0}/geojson",
        ];
        foreach (string read in reads)
        {
            foreach (string id in new[] { "999", "-1", "0", "99999999999" })
            {
                string path = string.Format(System.Globalization.CultureInfo.InvariantCulture, read, id);
                yield return ($"get {path}", "GET", path, null, 404, id);
            }
        }
    }

    private static string Site(string position, string kind = "depot", string id = "fresh-site") =>
        "{\"kind\":\"add_site\",\"site\":{\"id\":\"" + id + "\",\"name\":\"New\",\"kind\":\"" + kind + "\"," + position +
        ",\"storage_capacity_t\":100,\"throughput_t_per_day\":10,\"fixed_cost\":1,\"status\":\"candidate\"}}";

    /// <summary>A set_control edit with one valid area, <paramref name="field"/> replacing (or adding) one member.</summary>
    private static string Control(string field)
    {
        var area = System.Text.Json.Nodes.JsonNode.Parse("{\"area_id\":\"occ\",\"name\":\"Occ\",\"status\":\"occupied\",\"as_of\":\"2025-11-15\",\"source\":\"test\",\"active\":true,\"geometry_wkt\":\"POLYGON((28 49, 28.2 49, 28.2 49.2, 28 49.2, 28 49))\"}")!.AsObject();
        var change = System.Text.Json.Nodes.JsonNode.Parse("{" + field + "}")!.AsObject().Single();
        area[change.Key] = change.Value?.DeepClone();
        return "{\"kind\":\"set_control\",\"areas\":[" + area.ToJsonString() + "]}";
    }

    private static string Zone(string fields, string wkt) =>
        "{\"kind\":\"add_zone\",\"zone_id\":\"z\",\"name\":\"Z\"," + fields + ",\"geometry_wkt\":\"" + wkt + "\"}";

    [Fact]
    public async Task EveryBadRequest_GetsItsStatusAndNamesTheField_AndChangesNoTable()
    {
        await using var s = await ServiceUnderTest.StartWithMiniDatasetAsync();
        var created = await s.SendAsync(HttpMethod.Post, "/api/scenarios", new { name = "w" });
        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.SendAsync(HttpMethod.Post, "/api/scenarios/2/edits",
            Site("\"lon\":28.2,\"lat\":49.3", id: "new-hub"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.SendAsync(HttpMethod.Post, "/api/scenarios/2/edits",
            """{"kind":"move_site","site_id":"new-hub","lon":28.3,"lat":49.4}""")).Response.StatusCode);
        var before = s.Db.Store.TableDigests();

        var failures = new List<string>();
        int cases = 0, clean = 0, crashes = 0;
        foreach (var c in Cases())
        {
            cases++;
            using var request = s.Request(new HttpMethod(c.Method), c.Path, c.Body);
            using var response = await s.Client.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                crashes++;
            }

            if ((int)response.StatusCode == c.Status && text.Contains(c.Field, StringComparison.OrdinalIgnoreCase))
            {
                clean++;
            }
            else
            {
                failures.Add($"{c.Label}: {(int)response.StatusCode} (expected {c.Status} naming '{c.Field}'): {text}");
            }
        }

        var after = s.Db.Store.TableDigests();
        var changed = before.Keys.Where(t => !after.TryGetValue(t, out var d) || d != before[t]).ToList();
        output.WriteLine($"API corpus: {cases} cases, {clean} clean errors, {crashes} crashes, {changed.Count} tables changed");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, crashes);
        Assert.Empty(changed);
        Assert.Equal("ok", s.Db.Store.IntegrityCheck());
    }

    [Fact]
    public void TheCorpusHasAtLeastFourCasesPerEditKindAndPerEndpoint()
    {
        var all = Cases().ToList();
        foreach (string kind in HubPlanner.Core.Contract.ContractSchemas.EditKinds)
        {
            Assert.True(all.Count(c => c.Label.StartsWith(kind, StringComparison.Ordinal)) >= 4, kind);
        }

        foreach (var endpoint in all.GroupBy(c => (c.Method, Route(c.Path))))
        {
            Assert.True(endpoint.Count() >= 4, $"{endpoint.Key}: {endpoint.Count()} cases");
        }
    }

    private static string Route(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"/-?\d+", "/{n}");
}
