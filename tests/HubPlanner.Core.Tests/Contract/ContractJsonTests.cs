using System.Text.Json;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Contract;

public sealed class ContractJsonTests
{
    [Theory]
    [InlineData("route_km", 2)]
    [InlineData("weight_t", 2)]
    [InlineData("arrival_min", 1)]
    [InlineData("minutes", 1)]
    [InlineData("area_km2", 0)]
    [InlineData("airspace_km2_change", 0)]
    [InlineData("gap_pct", 2)]
    [InlineData("route_km_a", 2)]
    [InlineData("hours", 2)]
    public void DecimalsOf_ReadsTheUnitFromTheKey(string key, int decimals) => Assert.Equal(decimals, ContractJson.DecimalsOf(key));

    [Theory]
    [InlineData("objective")]
    [InlineData("lon")]
    [InlineData("cost")]
    [InlineData("target_altitude_m")]
    public void DecimalsOf_AKeyWithoutAUnit_IsNull(string key) => Assert.Null(ContractJson.DecimalsOf(key));

    [Fact]
    public void Serialize_RoundsEachNumberByTheUnitInItsName_AndWritesSnakeCase()
    {
        var loss = new HubLoss("vin-rail", "Vinnytsia rail yard", 1000, AirspaceLostKm2: 12345.678, CoastalLostKm2: 0.4, WeightLost: 1.23456);
        var stop = new RouteStop("vin-rail", "Vinnytsia", "deliver", "o1", LoadT: 12.3456, ArrivalMin: 61.26);

        Assert.Equal(
            """{"site_id":"vin-rail","name":"Vinnytsia rail yard","target_altitude_m":1000,"airspace_lost_km2":12346,"coastal_lost_km2":0,"weight_lost":1.23456}""",
            ContractJson.Serialize(loss));
        Assert.Equal(
            """{"location_id":"vin-rail","location_name":"Vinnytsia","action":"deliver","order_id":"o1","load_t":12.35,"arrival_min":61.3}""",
            ContractJson.Serialize(stop));
    }

    [Fact]
    public void Serialize_ANumberThatIsNotFinite_IsNull()
    {
        var summary = new StageSummary("routing", StageStatus.Feasible, 10, double.PositiveInfinity, null, 0.5, "ok");

        var json = JsonDocument.Parse(ContractJson.Serialize(summary)).RootElement;

        Assert.Equal(JsonValueKind.Null, json.GetProperty("bound").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("gap_pct").ValueKind);
        Assert.Equal("feasible", json.GetProperty("status").GetString());
    }

    [Fact]
    public void Deserialize_RefusesUnknownAndMissingMembers_AndPascalCase()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScenarioEdit>("""{"kind":"remove_site","site_id":"a","extra":1}""", ContractJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScenarioEdit>("""{"kind":"move_site","site_id":"a","lon":30}""", ContractJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScenarioEdit>("""{"kind":"remove_site","SiteId":"a"}""", ContractJson.Options));
        Assert.Equal(new RemoveSiteEdit("a"), JsonSerializer.Deserialize<ScenarioEdit>("""{"site_id":"a","kind":"remove_site"}""", ContractJson.Options));
    }

    [Fact]
    public void ContractReader_NamesTheMissingAndTheMistypedField()
    {
        var missing = ContractReader.Read<ScenarioEdit>(JsonDocument.Parse("""{"kind":"move_site","site_id":"a","lon":30}""").RootElement);
        var mistyped = ContractReader.Read<ScenarioEdit>(JsonDocument.Parse("""{"kind":"move_site","site_id":"a","lon":30,"lat":"north"}""").RootElement);

        Assert.Equal(["lat"], missing.Errors.Keys);
        Assert.Equal(["lat"], mistyped.Errors.Keys);
    }

    [Fact]
    public void EditJson_ReadsAnEditStoredBeforeTheContract()
    {
        var legacy = EditJson.Deserialize("""{"kind":"add_zone","ZoneId":"z","Name":"Z","Kind":2,"Weight":1,"GeometryWkt":"POLYGON ((0 0, 1 0, 1 1, 0 0))"}""");

        Assert.Equal(new AddZoneEdit("z", "Z", Domain.ZoneKind.Exclusion, 1, "POLYGON ((0 0, 1 0, 1 1, 0 0))"), legacy);
        Assert.Contains("\"zone_kind\":\"exclusion\"", EditJson.Serialize(legacy!), StringComparison.Ordinal);
    }

    [Fact]
    public void PlanReportJson_RoundTripsAReport_AndReadsOneStoredBeforeTheContract()
    {
        var line = new NetTopologySuite.Geometries.LineString([new(30, 50), new(30.5, 50.5)]) { SRID = 4326 };
        var plan = new PlanResult
        {
            Scenario = "base", Seed = 1, Model = "pmedian",
            Stages = [new StageSummary("placement", StageStatus.Optimal, 12.5, 12.5, 0, 0.25, "ok")],
            Hubs = [], Ineligible = [], Unserved = [], Coverage = [], Gaps = [], Losses = [],
            Assignments = [new PlanAssignment("dp", "Demand", "vin-rail", 12.3456, 17.77, line)],
            Routes = [],
        };

        var back = PlanReportJson.Deserialize(PlanReportJson.Serialize(plan))!;
        var legacy = PlanReportJson.Deserialize(
            """{"scenario":"base","seed":1,"model":"pmedian","stages":[{"stage":"placement","status":"optimal","objective":12.5,"bound":"Infinity","gapPct":null,"seconds":0.25,"message":"ok"}],"hubs":[],"ineligible":[],"assignments":[],"routes":[],"unserved":[],"coverage":[],"gaps":[],"losses":[],"routeKm":0,"routeHours":0,"routeCost":0}""")!;

        Assert.Equal(12.35, back.Assignments[0].Km);
        Assert.Equal(17.8, back.Assignments[0].Minutes);
        Assert.True(back.Assignments[0].Geometry.EqualsExact(line));
        Assert.Equal(double.PositiveInfinity, legacy.Stages[0].Bound);
    }
}
