using Dapper;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Tests.Store;

public class MigrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Open_OnAFreshFile_AppliesEveryMigrationAndRecordsIt()
    {
        using var dir = new TempDir();
        var store = PlanningStore.Open(dir.File("a.gpkg"), new ManualClock(T0));

        var applied = store.AppliedMigrations();

        Assert.Equal(Schema.Migrations.Select(m => m.Version), applied.Select(a => a.Version));
        Assert.Equal(Schema.Migrations.Select(m => m.Name), applied.Select(a => a.Name));
        Assert.All(applied, a => Assert.Equal(T0, a.AppliedAt));
    }

    [Fact]
    public void Open_TwiceIsANoOp_NoMigrationReappliedAndBaseScenarioStillSingle()
    {
        using var dir = new TempDir();
        string path = dir.File("a.gpkg");
        var clock = new ManualClock(T0);
        PlanningStore.Open(path, clock);
        var before = Fixtures.CountAllTables(path);

        clock.Advance(TimeSpan.FromHours(1));
        var store = PlanningStore.Open(path, clock);

        Assert.Equal(before, Fixtures.CountAllTables(path));
        Assert.All(store.AppliedMigrations(), a => Assert.Equal(T0, a.AppliedAt)); // not re-recorded an hour later
        var scenario = Assert.Single(store.ListScenarios());
        Assert.Equal("base", scenario.Name);
        Assert.Null(scenario.ParentId);
    }

    [Fact]
    public void Open_SetsTheGeoPackagePragmasAndWal_AndKeepsTheSchemaVersionOutOfUserVersion()
    {
        using var dir = new TempDir();
        string path = dir.File("a.gpkg");
        PlanningStore.Open(path);
        PlanningStore.Open(path);

        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        Assert.Equal(0x47504B47, c.ExecuteScalar<long>("PRAGMA application_id"));
        Assert.Equal(10300, c.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(new long[] { -1, 0, 4326 }, c.Query<long>("SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id"));
        Assert.Equal(17, c.ExecuteScalar<long>("SELECT COUNT(*) FROM gpkg_geometry_columns")); // 10 input layers + 5 plan_* result layers + control_areas, urban_areas
    }

    [Fact]
    public void Connections_EnforceForeignKeys()
    {
        using var dir = new TempDir();
        var store = PlanningStore.Open(dir.File("a.gpkg"));

        // A fleet row naming an entry point that does not exist must be refused by SQLite itself.
        using var c = store.Connect();
        var e = Assert.Throws<SqliteException>(() =>
            c.Execute("INSERT INTO fleet (entry_point_id, vehicle_type_id, count) VALUES ('nowhere', 'nothing', 1)"));
        Assert.Contains("FOREIGN KEY", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_RefusesAnSqliteFileThatIsNotOurs_AndLeavesItAlone()
    {
        using var dir = new TempDir();
        string path = dir.File("other.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            c.Execute("CREATE TABLE t (x INTEGER)");
        }

        var e = Assert.Throws<HubPlanner.Data.Input.BadInputException>(() => PlanningStore.Open(path));

        Assert.Contains("not a HubPlanner", e.Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["t"] = 0 }, Fixtures.CountAllTables(path));
    }

    [Fact]
    public void MigrationVersions_AreStrictlyIncreasingFromOne()
    {
        var versions = Schema.Migrations.Select(m => m.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
