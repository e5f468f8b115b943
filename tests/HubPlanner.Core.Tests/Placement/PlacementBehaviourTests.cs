using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Placement;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Placement;

public class PlacementBehaviourTests
{
    [Theory]
    [InlineData("pmedian")]
    [InlineData("mclp")]
    [InlineData("cflp")]
    public void SameSeedAndInputs_GiveTheSameSolution(string model)
    {
        var (problem, options) = PlacementBruteForceTests.Instance(new PlacementModel(model), "plain", 5, sites: 12, points: 10);
        var a = PlacementSolver.Solve(problem, options with { Seed = 42 });
        var b = PlacementSolver.Solve(problem, options with { Seed = 42 });
        Assert.Equal(a.OpenSiteIds, b.OpenSiteIds);
        Assert.Equal(a.Objective, b.Objective);
        Assert.Equal(a.Assignments, b.Assignments);
    }

    [Theory]
    [InlineData("mclp", "spacing")]
    [InlineData("lscp", "forced-forbidden")]
    [InlineData("backup", "budget")]
    public void CpSatEngine_MatchesExhaustiveEnumeration(string model, string side)
    {
        var (problem, options) = PlacementBruteForceTests.Instance(new PlacementModel(model), side, 3);
        options = options with { Engine = PlacementEngine.CpSat };
        var (expected, _) = PlacementOracle.Best(problem, options);
        var result = PlacementSolver.Solve(problem, options);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(expected, result.Objective, 6);
        Assert.Equal("CP-SAT", result.Stats.Engine);
    }

    [Fact]
    public void CpSatEngine_IsRefusedForSplitDemandFlows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PlacementOptions(PlacementModel.Cflp, Engine: PlacementEngine.CpSat).Validate());
        Assert.Contains("needs the SCIP engine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarmStart_FromAPreviousPlanKeepsTheOptimum()
    {
        var (problem, options) = PlacementBruteForceTests.Instance(PlacementModel.PMedian, "plain", 3, sites: 12, points: 10);
        var first = PlacementSolver.Solve(problem, options);
        var (expected, _) = PlacementOracle.Best(problem, options);
        // What-if: hint the previous plan, and also a deliberately poor one.
        var again = PlacementSolver.Solve(problem, options with { WarmStartOpenSiteIds = first.OpenSiteIds });
        var poor = PlacementSolver.Solve(problem, options with { WarmStartOpenSiteIds = ["s0", "s1", "s2"] });
        Assert.Equal(expected, again.Objective, 6);
        Assert.Equal(expected, poor.Objective, 6);
        Assert.Equal(SolveStatus.Optimal, poor.Status);
    }

    [Fact]
    public void PMedian_OnAHandSolvedLine_PicksTheWeightedMedian()
    {
        // Five points on a line at km 0, 10, 20, 30, 40 with weights 1, 1, 1, 1, 10; p = 1.
        // Cost of a hub at x: Σ w |x − xi|: at 40 → 40+30+20+10 = 100; at 30 → 30+20+10+0+100 = 160. Optimum: km 40.
        var xs = new[] { 0.0, 10, 20, 30, 40 };
        var w = new[] { 1.0, 1, 1, 1, 10 };
        var cost = new double[5, 5];
        for (int j = 0; j < 5; j++)
        {
            for (int i = 0; i < 5; i++)
            {
                cost[j, i] = Math.Abs(xs[j] - xs[i]);
            }
        }

        var problem = PlacementProblem.Create(
            xs.Select((x, j) => new CandidateSite($"k{x}", $"km {x}", 0, double.PositiveInfinity, SiteStatus.Candidate, 30, 50)),
            xs.Select((x, i) => new PlacementDemandPoint($"p{x}", $"km {x}", w[i], 0)),
            cost);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.PMedian, Hubs: 1));
        Assert.Equal(["k40"], result.OpenSiteIds);
        Assert.Equal(100, result.Objective, 9);
        Assert.Equal(0, result.Gap, 9);
    }

    [Fact]
    public void Mclp_PicksTheSiteThatCoversTheHeaviestDemand()
    {
        // Site A covers points 1+2 (weight 3+4 = 7); site B covers point 3 (weight 9). p = 1 → B.
        var cost = new double[,] { { 5, 5, 50 }, { 50, 50, 5 } };
        var problem = PlacementProblem.Create(
            [new CandidateSite("a", "A", 0, 1, SiteStatus.Candidate, 30, 50), new CandidateSite("b", "B", 0, 1, SiteStatus.Candidate, 31, 50)],
            [new PlacementDemandPoint("1", "One", 3, 0), new PlacementDemandPoint("2", "Two", 4, 0), new PlacementDemandPoint("3", "Three", 9, 0)],
            cost);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.Mclp, Hubs: 1, ServiceDistance: 10));
        Assert.Equal(["b"], result.OpenSiteIds);
        Assert.Equal(9, result.Objective, 9);
        Assert.Equal(2, result.Unserved.Count);
    }

    [Fact]
    public void StandOff_MarksSitesInsideOrNearAnExclusionZone()
    {
        // Zone: 30.0–30.2 E, 50.0–50.2 N. "in" is inside; "near" is ~0.1° lon (≈ 7 km) east; "far" ≈ 1° (≈ 70 km) east.
        var ring = new[] { (30.0, 50.0), (30.2, 50.0), (30.2, 50.2), (30.0, 50.2), (30.0, 50.0) }
            .Select(c => new Coordinate(c.Item1, c.Item2)).ToArray();
        var zone = new Zone("z", "Chornobyl", ZoneKind.Exclusion, GeoFactory.Wgs84.CreatePolygon(ring), 1);
        var sites = new[]
        {
            new CandidateSite("in", "Inside", 0, 1, SiteStatus.Candidate, 30.1, 50.1),
            new CandidateSite("near", "Near", 0, 1, SiteStatus.Candidate, 30.3, 50.1),
            new CandidateSite("far", "Far", 0, 1, SiteStatus.Candidate, 31.2, 50.1),
        };
        var result = StandOff.Ineligible(sites, [zone], 20);
        Assert.Equal(["in", "near"], result.Select(r => r.SiteId));
        Assert.Equal("site Inside is inside exclusion zone Chornobyl; stand-off is 20 km", result[0].Reason);
        // 0.1° of longitude at 50.1° N on WGS84: N·cos φ·0.1·π/180 = 6,390.6 km · 0.6414 · 0.001745 ≈ 7.16 km.
        Assert.StartsWith("site Near is 7.2 km from exclusion zone Chornobyl", result[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IneligibleSites_AreReportedWithTheirReasonAndNeverOpened()
    {
        var (problem, options) = PlacementBruteForceTests.Instance(PlacementModel.PMedian, "stand-off", 1);
        Assert.NotEmpty(problem.Ineligible);
        var result = PlacementSolver.Solve(problem, options);
        Assert.Equal(problem.Ineligible, result.IneligibleSites);
        Assert.DoesNotContain(result.OpenSiteIds, id => problem.Ineligible.Any(e => e.SiteId == id));
    }

    [Fact]
    public void Cancellation_BeforeTheSolveReturnsWithoutAProof()
    {
        var (problem, options) = PlacementBruteForceTests.Instance(PlacementModel.Cflp, "plain", 1, sites: 12, points: 10);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = PlacementSolver.Solve(problem, options, null, cts.Token);
        Assert.NotEqual(SolveStatus.Infeasible, result.Status);
    }

    [Fact]
    public void Progress_ReportsTheHeuristicAndTheFinalBound()
    {
        var (problem, options) = PlacementBruteForceTests.Instance(PlacementModel.PMedian, "plain", 2, sites: 12, points: 10);
        var reports = new List<PlacementProgress>();
        var result = PlacementSolver.Solve(problem, options, new Collector(reports));
        Assert.Contains(reports, r => r.Phase == "heuristic" && r.Objective >= result.Objective - 1e-9);
        Assert.Equal("solved", reports[^1].Phase);
        Assert.Equal(result.Objective, reports[^1].Objective!.Value, 6);
    }

    private sealed class Collector(List<PlacementProgress> list) : IProgress<PlacementProgress>
    {
        public void Report(PlacementProgress value) => list.Add(value);
    }
}
