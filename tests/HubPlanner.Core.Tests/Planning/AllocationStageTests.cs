using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Tests.Planning;

public class AllocationStageTests
{
    private static AllocationStage Allocate(PlanningProblem problem, IReadOnlyList<Site> open, PlanRunOptions options) =>
        AllocationStage.Run(problem, open, PlanPolicy.Resolve(problem, options).Allocation, null, CancellationToken.None);

    [Fact]
    public void Run_PutsTheOnlyRadarOnTheOnlyHub()
    {
        var allocation = Allocate(TinyPlan.Problem(), [TinyPlan.North], TinyPlan.Options());

        var unit = Assert.Single(allocation.Units);
        Assert.Equal(("north", "radar", 1, 10.0), (unit.HubId, unit.TypeId, unit.Units, unit.WeightT));
        Assert.Equal(StageStatus.Optimal, allocation.Summary.Status);
        Assert.Contains("cover 100 % of the weighted", allocation.Summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LeavesTheRadarInStock_WhenTheHubCannotHoldIt()
    {
        // The radar weighs 10 t; a hub of 5 t cannot store it, so nothing is allocated (and nothing is infeasible).
        var small = TinyPlan.North with { StorageCapacityT = 5 };

        var allocation = Allocate(TinyPlan.Problem(), [small], TinyPlan.Options());

        Assert.Empty(allocation.Units);
    }

    [Fact]
    public void Run_FreezeWithAParent_KeepsTheParentsEquipmentAtTheHubsThatRemain()
    {
        var problem = TinyPlan.Problem(TinyPlan.Parameters with { Freeze = true });
        var parent = PlanPolicyTests.Parent(["north", "south"], radarsAtEach: 2);

        var allocation = Allocate(problem, [TinyPlan.South], TinyPlan.Options(parent));

        var kept = Assert.Single(allocation.Units);
        Assert.Equal(("south", "radar", 2), (kept.HubId, kept.TypeId, kept.Units));
        Assert.Equal(StageStatus.Skipped, allocation.Summary.Status);
    }
}
