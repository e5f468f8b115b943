using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Placement;
using NetTopologySuite.Geometries;

namespace HubPlanner.Core.Tests.Placement;

/// <summary>
/// Every model under every side constraint, on seeded random instances with 9 sites and 7 demand points in
/// central Ukraine (great-circle km), against exhaustive enumeration of the 512 site subsets.
/// </summary>
public class PlacementBruteForceTests
{
    /// <summary>The built-in models in the order that numbers their random instances (see <see cref="Instance"/>).</summary>
    private static readonly PlacementModel[] InstanceOrder =
    [
        PlacementModel.PMedian, PlacementModel.PCenter, PlacementModel.Mclp, PlacementModel.Lscp, PlacementModel.Cflp,
        PlacementModel.MaxCapacitatedCoverage, PlacementModel.BackupCoverage, PlacementModel.RobustCoverage,
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var model in PlacementModelCatalog.Default.Entries.Select(e => e.Model.Name))
        {
            foreach (var side in new[] { "plain", "forced-forbidden", "budget", "max-hubs", "spacing", "stand-off" })
            {
                foreach (int seed in new[] { 1, 2 })
                {
                    data.Add(model, side, seed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solver_MatchesExhaustiveEnumeration(string modelName, string side, int seed)
    {
        var model = new PlacementModel(modelName);
        var (problem, options) = Instance(model, side, seed);
        var (expected, _) = PlacementOracle.Best(problem, options);
        var result = PlacementSolver.Solve(problem, options);

        if (double.IsInfinity(expected))
        {
            Assert.Equal(SolveStatus.Infeasible, result.Status);
            Assert.NotEmpty(result.Diagnostics);
            return;
        }

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(expected, result.Objective, 6);
        var open = result.OpenSiteIds.Select(problem.SiteIndex).ToArray();
        Assert.True(PlacementOracle.SubsetFeasible(problem, options, open), $"open set {string.Join(",", result.OpenSiteIds)} violates a side constraint");
        if (model != PlacementModel.Cflp && model != PlacementModel.MaxCapacitatedCoverage)
        {
            // The reported objective is the value of the reported sites.
            Assert.Equal(expected, PlacementOracle.Evaluate(problem, options, open), 6);
        }
        else
        {
            // Flows respect capacities and serve each point at most once.
            foreach (var g in result.Assignments.GroupBy(a => a.SiteId))
            {
                double load = g.Sum(a => a.Fraction * problem.Demand[problem.Demand.ToList().FindIndex(d => d.Id == a.DemandId)].Demand);
                Assert.True(load <= problem.Sites[problem.SiteIndex(g.Key)].Capacity + 1e-6);
                Assert.Contains(g.Key, result.OpenSiteIds);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SingleSourceCflp_MatchesEnumerationOfAssignments(int seed)
    {
        // 6 sites × 5 points: 6^5 = 7,776 assignment vectors.
        var (problem, options) = Instance(PlacementModel.Cflp, "plain", seed, sites: 6, points: 5);
        options = options with { SingleSource = true };
        var (expected, _) = PlacementOracle.Best(problem, options);
        var result = PlacementSolver.Solve(problem, options);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(expected, result.Objective, 6);
        Assert.All(result.Assignments, a => Assert.Equal(1, a.Fraction, 9));
    }

    internal static (PlacementProblem Problem, PlacementOptions Options) Instance(PlacementModel model, string side, int seed, int sites = 9, int points = 7)
    {
        var rng = new Random(seed * 7919 + Array.IndexOf(InstanceOrder, model) * 31 + side.Length);
        var statuses = Enumerable.Repeat(SiteStatus.Candidate, sites).ToArray();
        if (side == "forced-forbidden")
        {
            statuses[0] = SiteStatus.Forced;
            statuses[1] = SiteStatus.Forbidden;
            statuses[2] = SiteStatus.Existing;
        }

        var siteList = Enumerable.Range(0, sites).Select(j => new CandidateSite(
            $"s{j}", $"Site-{j}", Math.Round(10 + 90 * rng.NextDouble()), Math.Round(20 + 40 * rng.NextDouble()), statuses[j],
            28 + 6 * rng.NextDouble(), 47.5 + 3 * rng.NextDouble())).ToArray();
        var demand = Enumerable.Range(0, points).Select(i => (
            new PlacementDemandPoint($"d{i}", $"Point-{i}", Math.Round(1 + 9 * rng.NextDouble()), Math.Round(5 + 15 * rng.NextDouble())),
            28 + 6 * rng.NextDouble(),
            47.5 + 3 * rng.NextDouble())).ToArray();
        IEnumerable<SiteIneligibility>? ineligible = null;
        if (side == "stand-off")
        {
            // A 60 km square exclusion zone around the centre of the box; 80 km stand-off.
            var ring = new[] { (30.6, 48.7), (31.4, 48.7), (31.4, 49.3), (30.6, 49.3), (30.6, 48.7) }
                .Select(c => new Coordinate(c.Item1, c.Item2)).ToArray();
            var zone = new Zone("x1", "Exclusion-1", ZoneKind.Exclusion, GeoFactory.Wgs84.CreatePolygon(ring), 1);
            ineligible = StandOff.Ineligible(siteList, [zone], 80);
        }

        var problem = PlacementProblem.CreateGeodesic(siteList, demand, ineligible);
        var options = new PlacementOptions(model, Seed: seed);
        options = model.Name switch
        {
            "pmedian" or "pcenter" => options with { Hubs = 3 },
            "mclp" or "backup" or "robust" => options with { Hubs = 3, ServiceDistance = 180 },
            "lscp" => options with { ServiceDistance = 180 },
            "capacitated-coverage" => options with { Hubs = 3, ServiceDistance = 200 },
            _ => options,
        };
        options = side switch
        {
            "budget" => options with { Budget = 120 },
            "max-hubs" => options with { MaxHubs = 2 },
            "spacing" => options with { MinSpacingKm = 150 },
            _ => options,
        };
        return (problem, options);
    }
}
