using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class PlanPolicyTests
{
    private static readonly PlanParameters Limits = TinyPlan.Parameters with
    {
        PlacementTimeLimitS = 10,
        AllocationTimeLimitS = 12,
        RoutingTimeLimitS = 15,
        WhatIfTimeLimitS = 4,
        Seed = 7,
    };

    [Fact]
    public void Resolve_WithoutAParent_UsesEachStagesOwnTimeLimitAndTheSeed()
    {
        var policy = PlanPolicy.Resolve(TinyPlan.Problem(Limits), new PlanRunOptions("base"));

        Assert.Equal(TimeSpan.FromSeconds(10), policy.Placement.Limits.TimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(12), policy.Allocation.Limits.TimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(15), policy.Routing.TimeLimit);
        Assert.Null(policy.Routing.SolutionLimit);
        Assert.All([policy.Placement.Limits, policy.Allocation.Limits, policy.Routing], l => Assert.Equal(7, l.Seed));
        Assert.Null(policy.Placement.WarmStartHubIds);
        Assert.False(policy.Placement.IsFrozen);
        Assert.False(policy.Allocation.IsFrozen);
    }

    [Fact]
    public void Resolve_WithAParent_CapsEveryLimitAtTheWhatIfLimit_ButQuotesTheNominalOne()
    {
        var policy = PlanPolicy.Resolve(TinyPlan.Problem(Limits), new PlanRunOptions("child", Parent(["north"])));

        Assert.Equal(TimeSpan.FromSeconds(4), policy.Placement.Limits.TimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(4), policy.Allocation.Limits.TimeLimit);
        Assert.Equal(TimeSpan.FromSeconds(4), policy.Routing.TimeLimit);
        Assert.Equal(10, policy.Placement.Limits.NominalTimeLimitS);
    }

    [Fact]
    public void Resolve_Deterministic_DropsWallTimeForPlacementAndAllocation_AndStopsRoutingOnSolutions()
    {
        var policy = PlanPolicy.Resolve(TinyPlan.Problem(Limits), new PlanRunOptions("base", Deterministic: true));

        Assert.Null(policy.Placement.Limits.TimeLimit);
        Assert.Null(policy.Allocation.Limits.TimeLimit);
        Assert.Equal(PlanPolicy.DeterministicRoutingSolutions, policy.Routing.SolutionLimit);
        Assert.Equal(TimeSpan.FromSeconds(60), policy.Routing.TimeLimit); // the 60 s floor, above the 15 s limit
    }

    [Fact]
    public void Resolve_WithAParent_WarmStartsFromItsHubsThatAreStillEligible()
    {
        var problem = new SetSiteStatusEdit("south", Core.Domain.SiteStatus.Forbidden).Apply(TinyPlan.Problem());

        var policy = PlanPolicy.Resolve(problem, new PlanRunOptions("child", Parent(["north", "south", "gone"])));

        Assert.Equal(["north"], policy.Placement.WarmStartHubIds!);
        Assert.False(policy.Placement.IsFrozen);
    }

    [Fact]
    public void Resolve_FreezeWithAParent_FreezesItsHubsAndEquipment_InsteadOfWarmStarting()
    {
        var problem = TinyPlan.Problem(TinyPlan.Parameters with { Freeze = true });

        var policy = PlanPolicy.Resolve(problem, new PlanRunOptions("child", Parent(["south"], radarsAtEach: 2)));

        Assert.Null(policy.Placement.WarmStartHubIds);
        Assert.Equal(["south"], policy.Placement.FrozenHubIds!);
        var kept = Assert.Single(policy.Allocation.FrozenEquipment!);
        Assert.Equal(("south", "radar", 2), (kept.HubId, kept.TypeId, kept.Units));
    }

    [Fact]
    public void Resolve_FreezeWithoutAParent_FreezesNothing()
    {
        var policy = PlanPolicy.Resolve(TinyPlan.Problem(TinyPlan.Parameters with { Freeze = true }), new PlanRunOptions("base"));

        Assert.False(policy.Placement.IsFrozen);
        Assert.False(policy.Allocation.IsFrozen);
    }

    [Theory]
    [InlineData(null, PlanStage.Coverage, true)]
    [InlineData(PlanStage.Placement, PlanStage.Placement, true)]
    [InlineData(PlanStage.Placement, PlanStage.Allocation, false)]
    [InlineData(PlanStage.Routing, PlanStage.Routing, true)]
    [InlineData(PlanStage.Routing, PlanStage.Coverage, false)]
    public void Runs_AStageUpToAndIncludingStopAfter(PlanStage? stopAfter, PlanStage stage, bool runs)
    {
        var policy = PlanPolicy.Resolve(TinyPlan.Problem(), new PlanRunOptions("base", StopAfter: stopAfter));

        Assert.Equal(runs, policy.Runs(stage));
    }

    /// <summary>A parent plan with these hubs, each holding <paramref name="radarsAtEach"/> radars.</summary>
    internal static PlanResult Parent(IReadOnlyList<string> hubIds, int radarsAtEach = 1) => new()
    {
        Scenario = "parent",
        Seed = 1,
        Model = "pmedian",
        Stages = [],
        Hubs = hubIds.Select(id => new PlanHub(id, id, "depot", 31, 49, "", 0, 0, 100,
            [new HubEquipment("radar", "Radar", radarsAtEach, 10 * radarsAtEach)])).ToList(),
        Ineligible = [],
        Assignments = [],
        Routes = [],
        Unserved = [],
        Coverage = [],
        Gaps = [],
        Losses = [],
    };
}
