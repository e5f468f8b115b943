using HubPlanner.Data.Import;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Import;

/// <summary>
/// The shared fixture <c>tests/fixtures/mini</c> (used by the other stages' tests) must pass the importer's
/// checks, so that the store and those tests agree on the format.
/// </summary>
public class SharedFixtureTests
{
    [Fact]
    public void SharedMiniFixture_ImportsWithoutProblems_AndBuildsAValidProblem()
    {
        string? root = RepositoryRoot();
        Assert.NotNull(root);
        string folder = Path.Combine(root!, "tests", "fixtures", "mini");
        Assert.True(Directory.Exists(folder), $"missing shared fixture {folder}");

        using var dir = new TempDir();
        var store = PlanningStore.Open(dir.File("shared.gpkg"));
        var outcome = DatasetImporter.LoadDataset(store, DatasetImporter.ReadDataset(folder));
        var problem = store.LoadProblem(PlanningStore.BaseScenarioName);

        // Its README: 7 towns, two entry points.
        Assert.True(outcome.Changed);
        Assert.Equal(2, problem.EntryPoints.Count);
        Assert.NotEmpty(problem.RoadEdges);
    }

    private static string? RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "HubPlanner.sln")))
            {
                return d.FullName;
            }
        }

        return null;
    }
}
