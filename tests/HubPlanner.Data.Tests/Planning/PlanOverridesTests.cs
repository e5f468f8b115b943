using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Planning;

namespace HubPlanner.Data.Tests.Planning;

/// <summary>One parser for a run's overrides, whether they come from CLI options or a job's JSON parameters.</summary>
public sealed class PlanOverridesTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void FromJson_ReadsNumbersTextAndDeterministicMode_AndAppliesThemThroughPlanParameters()
    {
        var overrides = PlanOverrides.FromJson(Json("""{"hubs": 6, "model": "mclp", "seed": "3", "deterministic": true}"""), stopAfter: PlanStage.Placement);

        var p = overrides.ApplyTo(new PlanParameters());

        Assert.Equal((6, "mclp", 3), (p.Hubs, p.Model, p.Seed));
        Assert.True(overrides.Deterministic);
        Assert.Equal(PlanStage.Placement, overrides.StopAfter);
    }

    [Fact]
    public void FromOptions_AndFromJson_GiveTheSameParameters()
    {
        var fromCli = PlanOverrides.FromOptions(model: "pcenter", hubs: 4, timeLimitSeconds: 2.5, seed: 9, deterministic: true);
        var fromJob = PlanOverrides.FromJson(Json(
            """{"model": "pcenter", "hubs": 4, "placement_time_limit_s": 2.5, "allocation_time_limit_s": 2.5, "routing_time_limit_s": 2.5, "seed": 9, "deterministic": true}"""));

        static object Key(PlanParameters p) =>
            (p.Model, p.Hubs, p.PlacementTimeLimitS, p.AllocationTimeLimitS, p.RoutingTimeLimitS, p.Seed);
        var cli = fromCli.ApplyTo(new PlanParameters());
        Assert.Equal(("pcenter", 4, 2.5, 2.5, 2.5, 9), Key(cli));
        Assert.Equal(Key(cli), Key(fromJob.ApplyTo(new PlanParameters())));
        Assert.Equal(fromCli.Deterministic, fromJob.Deterministic);
    }

    [Theory]
    [InlineData("""{"hubs": "many"}""", "hubs")]
    [InlineData("""{"deterministic": 1}""", "deterministic")]
    [InlineData("""{"hubs": {"n": 3}}""", "hubs")]
    [InlineData("""{"no_such_key": 1}""", "no_such_key")]
    public void FromJson_NamesTheKeyOfAValueThatIsNotValid(string json, string key)
    {
        var e = Assert.Throws<PlanOverrideException>(() => PlanOverrides.FromJson(Json(json)));

        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void FromJson_RefusesParametersThatAreNotAnObject()
    {
        var e = Assert.Throws<PlanOverrideException>(() => PlanOverrides.FromJson(Json("[1, 2]")));

        Assert.Equal("", e.Key);
    }

    [Fact]
    public void None_LeavesTheParametersAsTheyAre()
    {
        var p = new PlanParameters().With("hubs", "5");

        Assert.Same(p, PlanOverrides.None.ApplyTo(p));
        Assert.False(PlanOverrides.None.Deterministic);
        Assert.Null(PlanOverrides.None.StopAfter);
    }
}
