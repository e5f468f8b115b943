namespace HubPlanner.Cli.Tests.Commands;

public sealed class InitAndInspectTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Init_ThenInspectJson_ReportsTheSevenNodesDataset()
    {
        var init = _cli.Run("init", "--data", CliHarness.SevenNodesDataset);
        Assert.True(init.Exit == 0, init.Err);

        var (exit, stdout, stderr) = _cli.Run("inspect", "--json");

        Assert.True(exit == 0, stderr);
        var json = CliHarness.Json(stdout);
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal(_cli.DbPath, json.GetProperty("database").GetString());
        var tables = json.GetProperty("tables");
        // Expected values: Fixtures/seven-nodes/README.md
        Assert.Equal(4, tables.GetProperty("sites").GetInt64());
        Assert.Equal(7, tables.GetProperty("road_nodes").GetInt64());
        Assert.Equal(4, tables.GetProperty("roads").GetInt64());
        Assert.Equal(2, tables.GetProperty("zones").GetInt64());
        Assert.Equal(1, tables.GetProperty("scenarios").GetInt64());
        var fuel = json.GetProperty("inventory").EnumerateArray().Single(i => i.GetProperty("equipment_type_id").GetString() == "fuel-module");
        Assert.Equal(15, fuel.GetProperty("quantity").GetInt64());
        var roads = json.GetProperty("road_network");
        Assert.Equal(3, roads.GetProperty("components").GetInt32());
        Assert.Equal([4, 2, 1], roads.GetProperty("component_sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.InRange(json.GetProperty("border_area_km2").GetDouble(), 328_000, 329_200); // box 24–32 E × 46–51 N ≈ 328,600 km²
    }

    [Fact]
    public void GlobalOptions_MayComeBeforeOrAfterTheCommand()
    {
        _cli.Run("--db", "x.gpkg", "init", "--data", CliHarness.SevenNodesDataset);

        var before = _cli.Run("--json", "--db", "x.gpkg", "inspect");
        var after = _cli.Run("inspect", "--db", "x.gpkg", "--json");

        Assert.Equal((0, 0), (before.Exit, after.Exit));
        Assert.Equal(before.Out, after.Out);
        Assert.True(CliHarness.Json(after.Out).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Inspect_HumanOutput_ShowsTablesAndConnectivity()
    {
        _cli.Run("init", "--data", CliHarness.SevenNodesDataset);

        var (exit, stdout, _) = _cli.Run("inspect");

        Assert.Equal(0, exit);
        Assert.Contains("Inventory by equipment type", stdout, StringComparison.Ordinal);
        Assert.Contains("3 components (largest first: 4, 2, 1 nodes)", stdout, StringComparison.Ordinal);
        Assert.Contains("Border area: 328,6", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_Twice_ChangesNothing()
    {
        _cli.Run("init", "--data", CliHarness.SevenNodesDataset);
        var before = CliHarness.CountAllTables(_cli.DbPath);

        var (exit, stdout, _) = _cli.Run("init", "--data", CliHarness.SevenNodesDataset, "--json");

        Assert.Equal(0, exit);
        Assert.False(CliHarness.Json(stdout).GetProperty("dataset").GetProperty("changed").GetBoolean());
        Assert.Equal(before, CliHarness.CountAllTables(_cli.DbPath));
    }

    [Fact]
    public void Init_Force_RecreatesTheDatabase()
    {
        _cli.Run("init", "--data", CliHarness.SevenNodesDataset);
        var store = HubPlanner.Data.Store.PlanningStore.Open(_cli.DbPath);
        store.CreateScenario("what-if");

        var (exit, stdout, _) = _cli.Run("init", "--force", "--data", CliHarness.SevenNodesDataset, "--json");

        Assert.Equal(0, exit);
        var json = CliHarness.Json(stdout);
        Assert.True(json.GetProperty("recreated").GetBoolean());
        Assert.True(json.GetProperty("dataset").GetProperty("changed").GetBoolean());
        Assert.Equal(1, CliHarness.CountAllTables(_cli.DbPath)["scenarios"]);
    }

    [Fact]
    public void Init_FindsDataUkraine_ByWalkingUpFromTheCurrentDirectory()
    {
        string dataset = Path.Combine(_cli.Root, "repo", "data", "ukraine");
        Directory.CreateDirectory(dataset);
        foreach (string file in Directory.GetFiles(CliHarness.SevenNodesDataset))
        {
            File.Copy(file, Path.Combine(dataset, Path.GetFileName(file)));
        }

        _cli.WorkingDirectory = Path.Combine(_cli.Root, "repo", "src", "deep");
        Directory.CreateDirectory(_cli.WorkingDirectory);

        var (exit, stdout, stderr) = _cli.Run("init", "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal(dataset, CliHarness.Json(stdout).GetProperty("dataset").GetProperty("directory").GetString());
    }

    [Fact]
    public void Init_WithABadDataset_ExitsTwo_AndCreatesNoDatabase()
    {
        string data = Path.Combine(_cli.Root, "bad");
        Directory.CreateDirectory(data);
        foreach (string file in Directory.GetFiles(CliHarness.SevenNodesDataset))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(data, "road_nodes.csv"), "id,name,lon,lat\n1,A,23.16,49.95\n1,B,24.03,49.84\n");

        var (exit, _, stderr) = _cli.Run("init", "--data", data);

        Assert.Equal(2, exit);
        Assert.Contains("road_nodes.csv: line 3: field 'id': duplicate id \"1\"", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DbPath));
    }

    [Fact]
    public void Db_ComesFromTheOption_ThenTheEnvironment_ThenTheDefault()
    {
        _cli.Variables["HUBPLANNER_DB"] = "from-env.gpkg";
        _cli.Run("init", "--data", CliHarness.SevenNodesDataset);
        _cli.Run("init", "--data", CliHarness.SevenNodesDataset, "--db", "from-option.gpkg");

        Assert.True(File.Exists(Path.Combine(_cli.WorkingDirectory, "from-env.gpkg")));
        Assert.True(File.Exists(Path.Combine(_cli.WorkingDirectory, "from-option.gpkg")));
        Assert.False(File.Exists(_cli.DbPath));
    }
}

/// <summary>
/// The repository's own dataset, found the way <c>dotnet run --project src/HubPlanner.Cli -- init</c> finds it
/// when the current directory has none above it: by walking up from the program's directory.
/// </summary>
public sealed class ShippedDatasetTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Init_WithoutData_LoadsTheRepositoryDataset_FoundFromTheProgramDirectory()
    {
        var (exit, stdout, stderr) = _cli.Run("init", "--json");

        Assert.True(exit == 0, stderr);
        string directory = CliHarness.Json(stdout).GetProperty("dataset").GetProperty("directory").GetString()!;
        Assert.EndsWith(Path.Combine("data", "ukraine"), directory, StringComparison.Ordinal);
        var inspect = CliHarness.Json(_cli.Run("inspect", "--json").Out);
        Assert.True(inspect.GetProperty("tables").GetProperty("sites").GetInt64() > 0);
        Assert.True(inspect.GetProperty("tables").GetProperty("roads").GetInt64() > 0);
        Assert.True(inspect.GetProperty("border_area_km2").GetDouble() > 0);
    }

    [Fact]
    public void ShippedDataset_MeetsTheFoundationCounts_AndIsOneRoadComponent()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var inspect = CliHarness.Json(_cli.Run("inspect", "--json").Out);
        var tables = inspect.GetProperty("tables");
        Assert.True(tables.GetProperty("sites").GetInt64() >= 40);
        Assert.True(tables.GetProperty("entry_points").GetInt64() >= 10);
        Assert.True(tables.GetProperty("roads").GetInt64() >= 150);
        Assert.Equal(1, inspect.GetProperty("road_network").GetProperty("components").GetInt32());
        // Natural Earth's Ukraine with Crimea, in the equal-area projection, against the official 603,628 km².
        Assert.InRange(inspect.GetProperty("border_area_km2").GetDouble(), 603_628 * 0.985, 603_628 * 1.015);
    }

    [Fact]
    public void ShippedBorder_ContainsCrimea_AndTheCoastalZoneReachesBothSeas()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var data = HubPlanner.Data.Store.PlanningStore.OpenExisting(_cli.DbPath).LoadBase();
        var border = data.Border.Single().Geometry;
        Assert.True(border.Covers(HubPlanner.Core.Geo.GeoFactory.Point(34.10, 44.95)), "Simferopol");
        Assert.True(border.Covers(HubPlanner.Core.Geo.GeoFactory.Point(33.52, 44.60)), "Sevastopol");
        var coastal = data.Zones.Single(z => z.Kind == HubPlanner.Core.Domain.ZoneKind.Coastal).Geometry;
        Assert.False(coastal.IsEmpty);
        // A point ~10 km off Odesa (Black Sea) and one ~10 km off Berdiansk (Sea of Azov) lie in the 12 nm band.
        Assert.True(coastal.Covers(HubPlanner.Core.Geo.GeoFactory.Point(30.88, 46.45)), "Black Sea off Odesa");
        Assert.True(coastal.Covers(HubPlanner.Core.Geo.GeoFactory.Point(36.80, 46.66)), "Sea of Azov off Berdiansk");
    }

    [Fact]
    public void RouteKyivLviv_OnTheDefaultDatabase_RunsAlongM06_Between475And605Km()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var (exit, stdout, stderr) = _cli.Run("route", "Kyiv", "Lviv", "--json");
        Assert.True(exit == 0, stderr);
        var route = CliHarness.Json(stdout);
        Assert.InRange(route.GetProperty("distance_km").GetDouble(), 475, 605);
        Assert.Contains("M06", route.GetProperty("roads").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Route_ToAnUnknownPlace_ExitsTwo_NamingIt()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        var (exit, _, stderr) = _cli.Run("route", "Kyiv", "Atlantis");
        Assert.Equal(2, exit);
        Assert.Contains("'Atlantis'", stderr, StringComparison.Ordinal);
    }
}
