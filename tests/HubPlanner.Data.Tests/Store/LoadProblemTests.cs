using Dapper;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Store;

public sealed class LoadProblemTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly PlanningStore _store;

    public LoadProblemTests()
    {
        _store = Fixtures.LoadedStore(_dir);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadProblem_OfBase_IsTheValidatedBaseDataWithDefaultParameters()
    {
        var problem = _store.LoadProblem("base");

        Assert.Equal(4, problem.Sites.Count);
        Assert.Equal(4, problem.RoadEdges.Count);
        Assert.Equal(new PlanParameters().Hubs, problem.Parameters.Hubs);
        Assert.False(problem.Border.IsEmpty);
        Assert.False(problem.Coast.IsEmpty);
        Assert.True(problem.Border.Covers(HubPlanner.Core.Geo.GeoFactory.Point(28, 48.5))); // inside the 24–32 E × 46–51 N box
    }

    [Fact]
    public void LoadProblem_OfAGrandchild_AppliesParametersAndEditsFromTheRootDown()
    {
        var child = _store.CreateScenario("no-rivne", paramsJson: """{"hubs": 3, "model": "mclp"}""");
        _store.AddEdit(child.Id, new RemoveSiteEdit("rivne-city"));
        var grandchild = _store.CreateScenario("no-rivne-more-sams", "no-rivne", """{"hubs": "2"}""");
        _store.AddEdit(grandchild.Id, new SetInventoryEdit("sam-medium", 9, "krakovets"));

        var problem = _store.LoadProblem("no-rivne-more-sams");

        Assert.DoesNotContain(problem.Sites, s => s.Id == "rivne-city");
        Assert.Equal((2, "mclp"), (problem.Parameters.Hubs, problem.Parameters.Model)); // child's model, grandchild's hubs
        Assert.Contains(new InventoryItem("krakovets", "sam-medium", 9), problem.Inventory);
        Assert.Equal(4, _store.LoadProblem("base").Sites.Count); // the parent is untouched
        Assert.Equal("remove_site", Assert.Single(_store.ListEdits(child.Id)).Kind);
    }

    [Fact]
    public void LoadProblem_ReportsAnEditThatNoLongerApplies()
    {
        var child = _store.CreateScenario("bad-edit");
        // The store refuses to write such an edit; it can still be in a file written by hand or by an older version.
        using (var c = _store.Connect())
        {
            c.Execute("INSERT INTO scenario_edits (scenario_id, seq, kind, payload_json) VALUES (@id, 1, 'remove_site', @json)",
                new { id = child.Id, json = System.Text.Json.JsonSerializer.Serialize<ScenarioEdit>(new RemoveSiteEdit("atlantis")) });
        }

        var e = Assert.Throws<PlanningInputException>(() => _store.LoadProblem("bad-edit"));

        Assert.Contains("unknown site 'atlantis'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadProblem_OfAnUnknownScenario_IsBadInput()
    {
        Assert.Throws<BadInputException>(() => _store.LoadProblem("nope"));
    }
}
