using Dapper;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Store;

/// <summary>The storage contract on the SQLite/GeoPackage store, plus what only this file format can show.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly TempDir _dir = new();

    protected override IHubPlannerStore CreateStore() => Fixtures.LoadedStore(_dir);

    private PlanningStore Sqlite => (PlanningStore)Store;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dir.Dispose();
        }

        base.Dispose(disposing);
    }

    [Fact]
    public void ResultsTable_RefusesASecondResultForOneJob()
    {
        long scenario = Store.GetScenario("base")!.Id;
        var id = Store.Submit("wait", scenario, "{}", T0);
        Store.TryClaim("w1", T0, Lease);
        Store.Complete(id, "w1", T0, new JobOutcome("{}", null, null));

        using var c = Sqlite.Connect();
        var ex = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() =>
            c.Execute("INSERT INTO results (scenario_id, job_id, created_at, report_json) VALUES (@scenario, @id, 'x', '{}')", new { scenario, id }));
        Assert.Contains("UNIQUE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_AreStoredAsTheirSha256Only()
    {
        var token = Store.CreateToken("ci", T0)!;

        using var c = Sqlite.Connect();
        var stored = c.QuerySingle<string>("SELECT sha256 FROM api_tokens WHERE name = 'ci'");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored);
        Assert.DoesNotContain(token, c.QuerySingle<string>("SELECT group_concat(name || sha256 || created_at) FROM api_tokens"), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoStoreInstancesOnOneFile_ShareTheWriterGate_SoRacingEditsStillStoreOne()
    {
        var other = PlanningStore.Open(Sqlite.Path);
        Store.CreateScenario("two-stores");
        var stored = 0;
        Parallel.For(0, 10, new ParallelOptions { MaxDegreeOfParallelism = 10 }, i =>
        {
            try
            {
                (i % 2 == 0 ? Store : other).ApplyEdits("two-stores", [new HubPlanner.Core.Planning.RemoveSiteEdit("rivne-city")]);
                Interlocked.Increment(ref stored);
            }
            catch (HubPlanner.Core.Planning.PlanningInputException)
            {
            }
        });

        Assert.Equal(1, stored);
    }
}
