using HubPlanner.Core.Placement;

namespace HubPlanner.Core.Tests.Placement;

/// <summary>
/// The placement model catalog: a model registered from outside the library (here a toy "cheapest cover":
/// the least total fixed cost of hubs that puts every coverable demand point within the service distance) is
/// validated, solved under the shared side constraints and reported like a built-in one.
/// </summary>
public class PlacementModelCatalogTests
{
    private static readonly PlacementModel CheapestCover = new("cheapest-cover");

    /// <summary>Σ fixed_j x_j, minimised, with Σ_{j covers i} x_j ≥ 1 for every point some eligible site covers.</summary>
    private static readonly PlacementModelEntry CheapestCoverEntry =
        PlacementModelEntry.FromFormulation(CheapestCover, ObjectiveSense.Minimise, mip =>
        {
            var p = mip.Instance.Problem;
            var objective = mip.Solver.Objective();
            for (int j = 0; j < p.SiteCount; j++)
            {
                objective.SetCoefficient(mip.Open[j], p.Sites[j].FixedCost);
            }

            for (int i = 0; i < p.DemandCount; i++)
            {
                var covering = Enumerable.Range(0, p.SiteCount).Where(j => mip.Instance.Covers(j, i)).ToArray();
                if (covering.Length == 0)
                {
                    continue;
                }

                var row = mip.Solver.MakeConstraint(1, double.PositiveInfinity);
                foreach (int j in covering)
                {
                    row.SetCoefficient(mip.Open[j], 1);
                }
            }
        }) with
        {
            NeedsServiceDistance = true,
            Objective = (instance, open) => open.Sum(j => instance.Problem.Sites[j].FixedCost),
        };

    [Theory]
    [InlineData("plain", 1)]
    [InlineData("plain", 2)]
    [InlineData("budget", 1)]
    [InlineData("spacing", 2)]
    [InlineData("forced-forbidden", 1)]
    [InlineData("max-hubs", 2)]
    public void ToyModelRegisteredThroughTheCatalog_MatchesExhaustiveEnumeration(string side, int seed)
    {
        var (problem, lscpOptions) = PlacementBruteForceTests.Instance(PlacementModel.Lscp, side, seed);
        var options = lscpOptions with { Model = CheapestCover };
        var catalog = PlacementModelCatalog.Default.With(CheapestCoverEntry);

        var result = PlacementSolver.Solve(problem, options, catalog);

        var expected = CheapestCoverByEnumeration(problem, options);
        if (expected is null)
        {
            Assert.Equal(SolveStatus.Infeasible, result.Status);
            return;
        }

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(CheapestCover, result.Model);
        Assert.Equal(expected.Value, result.Objective, 6);
        var open = result.OpenSiteIds.Select(problem.SiteIndex).ToArray();
        Assert.True(PlacementOracle.SubsetFeasible(problem, options, open), $"open set {string.Join(",", result.OpenSiteIds)} violates a side constraint");
        Assert.Equal(expected.Value, open.Sum(j => problem.Sites[j].FixedCost), 6);
    }

    [Fact]
    public void DefaultCatalog_RefusesAModelItDoesNotHold()
    {
        var (problem, options) = PlacementBruteForceTests.Instance(PlacementModel.Lscp, "plain", 1);
        var ex = Assert.Throws<ArgumentException>(() => PlacementSolver.Solve(problem, options with { Model = CheapestCover }));
        Assert.Contains("unknown placement model 'cheapest-cover'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsValidation_AsksForWhatTheRegisteredEntryNeeds()
    {
        var catalog = PlacementModelCatalog.Default.With(CheapestCoverEntry);
        var ex = Assert.Throws<ArgumentException>(() => new PlacementOptions(CheapestCover).Validate(catalog));
        Assert.Contains("cheapest-cover needs a service distance", ex.Message, StringComparison.Ordinal);
        new PlacementOptions(CheapestCover, ServiceDistance: 10).Validate(catalog);
    }

    [Fact]
    public void With_ReplacesTheEntryOfTheSameNameAndLeavesTheOriginalUntouched()
    {
        var plannable = PlacementModelCatalog.Default.Get(PlacementModel.PMedian) with { Plannable = false };
        var catalog = PlacementModelCatalog.Default.With(plannable);

        Assert.Equal(PlacementModelCatalog.Default.Entries.Count, catalog.Entries.Count);
        Assert.DoesNotContain("pmedian", catalog.PlannableNames);
        Assert.Contains("pmedian", PlacementModelCatalog.Default.PlannableNames);
    }

    [Fact]
    public void DefaultCatalog_OffersTheSevenPlanModelsInTheirDocumentedOrder()
    {
        Assert.Equal(["pmedian", "pcenter", "mclp", "lscp", "cflp", "robust", "backup"], PlacementModelCatalog.Default.PlannableNames);
    }

    /// <summary>Least fixed cost over every feasible subset covering each coverable point; null when none.</summary>
    private static double? CheapestCoverByEnumeration(PlacementProblem p, PlacementOptions o)
    {
        double r = o.ServiceDistance!.Value;
        bool Reaches(int j, int i) => p.Cost[j, i] <= r + 1e-9;
        var coverable = Enumerable.Range(0, p.DemandCount)
            .Where(i => Enumerable.Range(0, p.SiteCount).Any(j => PlacementOracle.Eligible(p, j) && Reaches(j, i))).ToArray();
        double? best = null;
        for (int mask = 0; mask < 1 << p.SiteCount; mask++)
        {
            var open = Enumerable.Range(0, p.SiteCount).Where(j => (mask & (1 << j)) != 0).ToArray();
            if (!PlacementOracle.SubsetFeasible(p, o, open) || !coverable.All(i => open.Any(j => Reaches(j, i))))
            {
                continue;
            }

            double cost = open.Sum(j => p.Sites[j].FixedCost);
            if (best is null || cost < best.Value - 1e-9)
            {
                best = cost;
            }
        }

        return best;
    }
}
