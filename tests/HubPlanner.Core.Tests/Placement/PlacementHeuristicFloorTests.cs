using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Core.Tests.Placement;

/// <summary>
/// The answer is never worse than a plain greedy (written here, independently of the solver) even when the solver
/// is cut short, and models taking p never get worse as p grows.
/// </summary>
public class PlacementHeuristicFloorTests
{
    /// <summary>Shortest limit the solver accepts: the MIP then gets its minimum slice, the heuristic start decides.</summary>
    private static readonly TimeSpan CutShort = TimeSpan.FromMilliseconds(1);

    public static TheoryData<string, int> MonotoneCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in new[] { "mclp", "backup", "robust", "pmedian", "pcenter" })
        {
            foreach (int seed in new[] { 1, 2 })
            {
                data.Add(model, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MonotoneCases))]
    public void ObjectiveNeverGetsWorse_AsPGrows(string modelName, int seed)
    {
        var model = new PlacementModel(modelName);
        // Robust coverage's scenario MIP grows with sites × classes: a smaller instance keeps the test fast.
        bool robust = model == PlacementModel.RobustCoverage;
        var problem = Random(seed, sites: robust ? 8 : 12, points: robust ? 20 : 40, demandScale: 1, capacity: double.PositiveInfinity);
        bool maximise = PlacementModelCatalog.Default.Get(model).Sense == ObjectiveSense.Maximise;
        double previous = maximise ? double.NegativeInfinity : double.PositiveInfinity;
        for (int p = 1; p <= 5; p++)
        {
            var result = PlacementSolver.Solve(problem, new PlacementOptions(model, Hubs: p, ServiceDistance: 25, Seed: seed));
            Assert.Equal(SolveStatus.Optimal, result.Status);
            if (maximise)
            {
                Assert.True(result.Objective >= previous - 1e-9, $"{modelName} p={p}: {result.Objective} < {previous} at p={p - 1}");
            }
            else
            {
                Assert.True(result.Objective <= previous + 1e-9, $"{modelName} p={p}: {result.Objective} > {previous} at p={p - 1}");
            }

            previous = result.Objective;
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    public void Mclp_CutShort_CoversAtLeastTheGreedy(int seed, int p)
    {
        var problem = Random(seed, sites: 300, points: 900, demandScale: 1, capacity: double.PositiveInfinity);
        const double radius = 8;
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.Mclp, Hubs: p, ServiceDistance: radius, TimeLimit: CutShort, Seed: seed));

        Assert.True(result.HasSolution);
        Assert.Equal(p, result.OpenSiteIds.Count);
        double greedy = GreedyCover(problem, p, radius);
        Assert.True(result.Objective >= greedy - 1e-9, $"MCLP {result.Objective} below greedy {greedy}");
        Assert.True(result.BestBound >= result.Objective - 1e-6, $"bound {result.BestBound} below objective {result.Objective}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Lscp_CutShort_OpensNoMoreSitesThanGreedy(int seed)
    {
        var problem = Random(seed, sites: 200, points: 600, demandScale: 1, capacity: double.PositiveInfinity);
        const double radius = 10;
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.Lscp, ServiceDistance: radius, TimeLimit: CutShort));

        Assert.True(result.HasSolution);
        Assert.True(result.OpenSiteIds.Count <= GreedySetCover(problem, radius), $"LSCP opens {result.OpenSiteIds.Count} sites, greedy {GreedySetCover(problem, radius)}");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Cflp_CutShort_CostsNoMoreThanGreedy(int seed, bool singleSource)
    {
        var problem = Random(seed, sites: 30, points: 300, demandScale: 20, capacity: 3000);
        var options = new PlacementOptions(PlacementModel.Cflp, SingleSource: singleSource, TimeLimit: CutShort, Seed: seed);
        var result = PlacementSolver.Solve(problem, options);

        Assert.True(result.HasSolution);
        double greedy = GreedyCflp(problem, singleSource);
        Assert.True(result.Objective <= greedy + 1e-6, $"CFLP {result.Objective} above greedy {greedy}");
        Assert.True(result.BestBound <= result.Objective + 1e-6, $"bound {result.BestBound} above objective {result.Objective}");

        // The flows serve every point once, within the capacities, and cost what the objective says.
        var ids = problem.Demand.Select((d, i) => (d.Id, i)).ToDictionary(t => t.Id, t => t.i);
        foreach (var g in result.Assignments.GroupBy(a => a.DemandId))
        {
            Assert.Equal(1, g.Sum(a => a.Fraction), 6);
            Assert.True(!singleSource || g.Count() == 1);
        }

        foreach (var g in result.Assignments.GroupBy(a => a.SiteId))
        {
            Assert.True(g.Sum(a => a.Fraction * problem.Demand[ids[a.DemandId]].Demand) <= problem.Sites[problem.SiteIndex(g.Key)].Capacity + 1e-6);
        }

        double cost = result.OpenSiteIds.Sum(id => problem.Sites[problem.SiteIndex(id)].FixedCost)
            + result.Assignments.Sum(a => a.Fraction * problem.Demand[ids[a.DemandId]].Weight * a.Cost);
        Assert.Equal(cost, result.Objective, 4);
    }

    /// <summary>Sites and points uniform in a 100 km square; integer weights 1–9; demand = weight × scale.</summary>
    private static PlacementProblem Random(int seed, int sites, int points, double demandScale, double capacity)
    {
        var rng = new Random(seed);
        var s = Enumerable.Range(0, sites).Select(_ => (X: rng.NextDouble() * 100, Y: rng.NextDouble() * 100, Fixed: 200 + rng.Next(300))).ToArray();
        var d = Enumerable.Range(0, points).Select(_ => (X: rng.NextDouble() * 100, Y: rng.NextDouble() * 100, W: (double)rng.Next(1, 10))).ToArray();
        return PlacementProblem.Create(
            s.Select((v, j) => new CandidateSite($"s{j}", $"s{j}", v.Fixed, capacity, SiteStatus.Candidate, 0, 0)),
            d.Select((v, i) => new PlacementDemandPoint($"d{i}", $"d{i}", v.W, v.W * demandScale)),
            (j, i) => Math.Sqrt(Math.Pow(s[j].X - d[i].X, 2) + Math.Pow(s[j].Y - d[i].Y, 2)));
    }

    /// <summary>Adds, p times, the site covering the most uncovered weight.</summary>
    private static double GreedyCover(PlacementProblem p, int hubs, double r)
    {
        var covered = new bool[p.DemandCount];
        double total = 0;
        for (int k = 0; k < hubs; k++)
        {
            int best = -1;
            double gain = -1;
            for (int j = 0; j < p.SiteCount; j++)
            {
                double g = Enumerable.Range(0, p.DemandCount).Where(i => !covered[i] && p.Cost[j, i] <= r).Sum(i => p.Demand[i].Weight);
                if (g > gain)
                {
                    (best, gain) = (j, g);
                }
            }

            total += gain;
            for (int i = 0; i < p.DemandCount; i++)
            {
                covered[i] |= p.Cost[best, i] <= r;
            }
        }

        return total;
    }

    /// <summary>Greedy set cover of the coverable points: the site covering most uncovered points until none is left.</summary>
    private static int GreedySetCover(PlacementProblem p, double r)
    {
        var left = Enumerable.Range(0, p.DemandCount).Where(i => Enumerable.Range(0, p.SiteCount).Any(j => p.Cost[j, i] <= r)).ToHashSet();
        int count = 0;
        while (left.Count > 0)
        {
            int best = Enumerable.Range(0, p.SiteCount).MaxBy(j => left.Count(i => p.Cost[j, i] <= r));
            left.RemoveWhere(i => p.Cost[best, i] <= r);
            count++;
        }

        return count;
    }

    /// <summary>Sites by fixed cost per capacity until 1.3 × the demand fits; points, largest first, to the cheapest open site with room.</summary>
    private static double GreedyCflp(PlacementProblem p, bool single)
    {
        double demand = p.Demand.Sum(d => d.Demand);
        var open = new List<int>();
        double cap = 0;
        foreach (int j in Enumerable.Range(0, p.SiteCount).OrderBy(j => p.Sites[j].FixedCost / p.Sites[j].Capacity))
        {
            if (cap >= 1.3 * demand)
            {
                break;
            }

            open.Add(j);
            cap += p.Sites[j].Capacity;
        }

        var room = open.ToDictionary(j => j, j => p.Sites[j].Capacity);
        double cost = open.Sum(j => p.Sites[j].FixedCost);
        foreach (int i in Enumerable.Range(0, p.DemandCount).OrderByDescending(i => p.Demand[i].Demand))
        {
            double left = p.Demand[i].Demand;
            foreach (int j in open.OrderBy(j => p.Cost[j, i]))
            {
                double take = single ? (room[j] >= left ? left : 0) : Math.Min(left, room[j]);
                room[j] -= take;
                cost += take / p.Demand[i].Demand * p.Demand[i].Weight * p.Cost[j, i];
                left -= take;
                if (left <= 1e-9)
                {
                    break;
                }
            }

            Assert.True(left <= 1e-9, "the greedy reference found no room");
        }

        return cost;
    }
}
