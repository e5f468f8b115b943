using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Core.Tests.Placement;

/// <summary>Infeasibility is explained in a sentence naming the conflicting constraint.</summary>
public class PlacementDiagnosticsTests
{
    // Three sites in western Ukraine; spacing comes from the matrix below, not from the coordinates.
    //            Lviv-Depot  Lviv-Rail  Rivne
    // Lviv-Depot      0         32       180
    // Lviv-Rail      32          0       170
    // Rivne         180        170         0
    private static readonly double[,] Spacing = { { 0, 32, 180 }, { 32, 0, 170 }, { 180, 170, 0 } };

    private static PlacementProblem ThreeSites(
        SiteStatus depot = SiteStatus.Candidate,
        SiteStatus rail = SiteStatus.Candidate,
        double[]? capacities = null,
        double[]? fixedCosts = null,
        double[]? demand = null,
        IEnumerable<SiteIneligibility>? ineligible = null)
    {
        capacities ??= [400, 400, 400];
        fixedCosts ??= [100, 100, 100];
        demand ??= [100, 100];
        var sites = new[]
        {
            new CandidateSite("depot", "Lviv-Depot", fixedCosts[0], capacities[0], depot, 24.0, 49.8),
            new CandidateSite("rail", "Lviv-Rail", fixedCosts[1], capacities[1], rail, 24.4, 49.8),
            new CandidateSite("rivne", "Rivne", fixedCosts[2], capacities[2], SiteStatus.Candidate, 26.2, 50.6),
        };
        var points = demand.Select((d, i) => new PlacementDemandPoint($"p{i}", $"Garrison-{i}", 1, d)).ToArray();
        // Site × point costs (km): every site reaches both points.
        var cost = new double[3, points.Length];
        for (int j = 0; j < 3; j++)
        {
            for (int i = 0; i < points.Length; i++)
            {
                cost[j, i] = 10 + 20 * j + 5 * i;
            }
        }

        return PlacementProblem.Create(sites, points, cost, Spacing, ineligible);
    }

    [Fact]
    public void Spacing_NamesTheForcedSitesThatAreTooClose()
    {
        var problem = ThreeSites(SiteStatus.Forced, SiteStatus.Forced);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.PMedian, Hubs: 3, MinSpacingKm: 50));
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("spacing", d.Constraint);
        Assert.Equal("forced sites Lviv-Depot and Lviv-Rail are 32 km apart; minimum spacing is 50 km", d.Sentence);
    }

    [Fact]
    public void Capacity_ReportsTotalCapacityBelowDemand()
    {
        // Capacities 400 + 400 + 400 = 1200 t against 800 + 700 = 1500 t.
        var problem = ThreeSites(demand: [800, 700]);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.Cflp));
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains(result.Diagnostics, d => d.Sentence == "total capacity 1200 t < demand 1500 t");
    }

    [Fact]
    public void Capacity_ReportsWhenTheHubLimitLeavesTooLittleCapacity()
    {
        // Two hubs at most: 400 + 400 = 800 t < 900 t.
        var problem = ThreeSites(demand: [500, 400]);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.Cflp, MaxHubs: 2));
        Assert.Contains(result.Diagnostics, d => d.Sentence == "the 2 largest eligible capacities total 800 t < demand 900 t");
    }

    [Fact]
    public void ForcedForbidden_NamesTheSiteAndTheReason()
    {
        var problem = ThreeSites(SiteStatus.Forced, ineligible: [new SiteIneligibility("depot", "site Lviv-Depot is 12 km from exclusion zone Border; stand-off is 30 km")]);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.PMedian, Hubs: 2));
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains(result.Diagnostics, d => d.Constraint == "forced-forbidden"
            && d.Sentence == "forced site Lviv-Depot is forbidden: site Lviv-Depot is 12 km from exclusion zone Border; stand-off is 30 km");
    }

    [Fact]
    public void Budget_ComparesWithTheFixedCostOfForcedSites()
    {
        var problem = ThreeSites(SiteStatus.Forced, SiteStatus.Existing, fixedCosts: [300, 400, 50]);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.PMedian, Hubs: 3, Budget: 500));
        Assert.Contains(result.Diagnostics, d => d.Sentence == "budget 500 < fixed cost of forced sites 700 (Lviv-Depot, Lviv-Rail)");
    }

    [Fact]
    public void HubCount_NamesForcedSitesBeyondTheLimit()
    {
        var problem = ThreeSites(SiteStatus.Forced, SiteStatus.Existing);
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.PMedian, Hubs: 1));
        Assert.Contains(result.Diagnostics, d => d.Constraint == "hub-count" && d.Sentence.StartsWith("2 forced or existing sites", StringComparison.Ordinal));
    }

    [Fact]
    public void Lscp_ReportsAPointBeyondEveryEligibleSiteAndCoversTheRest()
    {
        // Garrison-1 is 15, 35, 55 km away; with a 12 km radius only Garrison-0 (10 km from Lviv-Depot) is coverable.
        var problem = ThreeSites();
        var result = PlacementSolver.Solve(problem, new PlacementOptions(PlacementModel.Lscp, ServiceDistance: 12));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(["depot"], result.OpenSiteIds);
        Assert.Contains(result.Diagnostics, d => d.Sentence == "demand point Garrison-1 is beyond the service distance 12 of every eligible site");
        var unserved = Assert.Single(result.Unserved);
        Assert.Equal("p1", unserved.DemandId);
    }

    [Fact]
    public void Spacing_IsNamedWhenTheSolverProvesItBlocksCoverage()
    {
        // Radius 12 km: Garrison-0 needs Lviv-Depot (10 km); the forced Lviv-Rail is 32 km from it; spacing 50 km.
        // Nothing is infeasible before solving (only one site is forced); the relaxation shows spacing is to blame.
        var problem = ThreeSites(rail: SiteStatus.Forced);
        var options = new PlacementOptions(PlacementModel.Lscp, ServiceDistance: 12, MinSpacingKm: 50);
        var result = PlacementSolver.Solve(problem, options);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Contains(result.Diagnostics, d => d.Constraint == "spacing"
            && d.Sentence.Contains("Lviv-Depot and Lviv-Rail are 32 km apart", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_RejectsAMatrixOfTheWrongShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => PlacementProblem.Create(
            [new CandidateSite("a", "A", 0, 1, SiteStatus.Candidate, 30, 50)],
            [new PlacementDemandPoint("p", "P", 1, 1)],
            new double[2, 1]));
        Assert.Contains("expected sites × demand = 1×1", ex.Message, StringComparison.Ordinal);
    }
}
