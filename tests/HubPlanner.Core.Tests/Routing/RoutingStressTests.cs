using HubPlanner.Core.Routing;
using static HubPlanner.Core.Tests.Routing.RoutingFixtures;

namespace HubPlanner.Core.Tests.Routing;

/// <summary>
/// Regression guard for google/or-tools #5076 (a crash when a second routing model is created in one process,
/// reported for 9.11–9.15 from Python): many models in a row and several at once must all solve.
/// </summary>
public class RoutingStressTests
{
    [Fact]
    public void TwentyModelsInARow_AndFourInParallel_AllSolveAndCheck()
    {
        for (int i = 0; i < 20; i++)
        {
            var problem = Random(100 + i, 8, windows: i % 2 == 0, pairs: i % 3 == 0, twoDepots: i % 4 == 0, heterogeneous: true, optional: false, shift: false);
            var plan = DeliveryRouter.Solve(problem, Deterministic(20, i % 2 == 0 ? RoutingSearch.IteratedLocalSearch : RoutingSearch.GuidedLocalSearch));
            AssertValid(problem, plan);
        }

        var problems = Enumerable.Range(0, 4).Select(i => Random(200 + i, 10, windows: true, pairs: true, twoDepots: true, heterogeneous: true, optional: true, shift: true)).ToArray();
        var plans = new DeliveryPlan[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => plans[i] = DeliveryRouter.Solve(problems[i], Deterministic(20)));
        for (int i = 0; i < 4; i++)
        {
            AssertValid(problems[i], plans[i]);
        }
    }
}
