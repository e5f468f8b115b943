using HubPlanner.Core.Domain;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Hardening;

/// <summary>
/// A scenario whose edits no longer apply says which edit and why, and can always be repaired by removing edits:
/// removal re-validates the rest inside its transaction and refuses only to break a scenario that loads.
/// Seven-nodes fixture: sites kyiv-depot, lviv-rail, rivne-city, vinnytsia-air.
/// </summary>
public sealed class EditRecoveryTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly PlanningStore _store;

    public EditRecoveryTests() => _store = Fixtures.LoadedStore(_dir);

    public void Dispose() => _dir.Dispose();

    /// <summary>Parent "a" and child "b"; b forbids lviv-rail; then a removes lviv-rail, so b's edit #1 no longer applies.</summary>
    private void BreakChild()
    {
        _store.CreateScenario("a");
        _store.CreateScenario("b", "a");
        _store.ApplyEdits("b", [new SetSiteStatusEdit("lviv-rail", SiteStatus.Forbidden)]);
        _store.ApplyEdits("a", [new RemoveSiteEdit("lviv-rail")]);
    }

    [Fact]
    public void LoadProblem_OfAScenarioWhoseEditNoLongerApplies_NamesTheScenarioTheEditAndTheReason()
    {
        BreakChild();

        var ex = Assert.Throws<PlanningInputException>(() => _store.LoadProblem("b"));

        string problem = Assert.Single(ex.Problems);
        Assert.Contains("scenario 'b', edit #1 (set_site_status) no longer applies", problem, StringComparison.Ordinal);
        Assert.Contains("unknown site 'lviv-rail'", problem, StringComparison.Ordinal);
        Assert.Contains("--undo 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveEdit_OfTheBrokenEdit_MakesTheScenarioLoadAgain()
    {
        BreakChild();

        var removal = _store.RemoveEdit("b");

        Assert.Equal((1, "set_site_status"), (removal.Removed.Seq, removal.Removed.Kind));
        Assert.Empty(removal.StillFailing);
        Assert.Empty(_store.ListEdits(_store.GetScenario("b")!.Id));
        Assert.Equal(3, _store.LoadProblem("b").Sites.Count);
    }

    [Fact]
    public void RemoveEdit_FromAScenarioThatStillFailsAfterwards_IsAllowedAndSaysWhatStillFails()
    {
        BreakChild();
        // A second, valid-looking edit appended directly is impossible (b does not load), so break b at #1 and
        // give it a later edit before the parent's removal.
        _store.CreateScenario("c", "a");
        _store.ApplyEdits("c", [new SetSiteStatusEdit("rivne-city", SiteStatus.Forced)]);
        _store.ApplyEdits("c", [new MoveSiteEdit("rivne-city", 26.3, 50.6)]);
        _store.ApplyEdits("a", [new RemoveSiteEdit("rivne-city")]);

        var removal = _store.RemoveEdit("c"); // the move (#2): #1 still refers to the removed site

        Assert.Equal(2, removal.Removed.Seq);
        Assert.Contains(removal.StillFailing, p => p.Contains("edit #1 (set_site_status)", StringComparison.Ordinal));
        var next = _store.RemoveEdit("c", 1);
        Assert.Empty(next.StillFailing);
    }

    [Fact]
    public void RemoveEdit_ThatALaterEditDependsOn_IsRefusedNamingThatEdit_AndRemovesNothing()
    {
        _store.CreateScenario("w");
        _store.ApplyEdits("w", [new AddSiteEdit(new Site("new-hub", "New hub", SiteKind.Depot, 28.0, 49.0, 500, 100, 10, SiteStatus.Candidate))]);
        _store.ApplyEdits("w", [new MoveSiteEdit("new-hub", 28.5, 49.5)]);

        var ex = Assert.Throws<PlanningInputException>(() => _store.RemoveEdit("w", 1));

        Assert.Contains(ex.Problems, p => p.Contains("removing edit #1 (add_site)", StringComparison.Ordinal)
                                          && p.Contains("edit #2 (move_site)", StringComparison.Ordinal)
                                          && p.Contains("new-hub", StringComparison.Ordinal));
        Assert.Equal([1, 2], _store.ListEdits(_store.GetScenario("w")!.Id).Select(e => e.Seq));
    }

    [Fact]
    public void RemoveEdit_RefusesTheBaseScenarioAndAnUnknownSequenceNumber()
    {
        _store.CreateScenario("w");
        _store.ApplyEdits("w", [new RemoveSiteEdit("lviv-rail")]);

        Assert.Throws<BadInputException>(() => _store.RemoveEdit(PlanningStore.BaseScenarioName));
        var ex = Assert.Throws<BadInputException>(() => _store.RemoveEdit("w", 7));
        Assert.Contains("no edit #7", ex.Message, StringComparison.Ordinal);
        Assert.Single(_store.ListEdits(_store.GetScenario("w")!.Id));
    }

    [Fact]
    public void IdenticalEditsFromParallelWriters_StoreExactlyOne()
    {
        _store.CreateScenario("race");
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 20 }, _ =>
        {
            try
            {
                _store.ApplyEdits("race", [new RemoveSiteEdit("lviv-rail")]);
                outcomes.Add("stored");
            }
            catch (PlanningInputException)
            {
                outcomes.Add("refused");
            }
        });

        Assert.Equal(1, outcomes.Count(o => o == "stored"));
        Assert.Single(_store.ListEdits(_store.GetScenario("race")!.Id));
        _store.LoadProblem("race");
    }
}
