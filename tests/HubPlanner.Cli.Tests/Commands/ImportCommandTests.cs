namespace HubPlanner.Cli.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private const string SitesHeader = "id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status";
    private readonly CliHarness _cli = new();

    public ImportCommandTests()
    {
        var init = _cli.Run("init", "--data", CliHarness.SevenNodesDataset);
        Assert.True(init.Exit == 0, init.Err);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Import_SitesWithLatitudeAbcOnLine7_ExitsTwo_NamingFileLineAndField_AndChangesNoTable()
    {
        _cli.Write("new-sites.csv", $"""
            {SitesHeader}
            s-one,One,rail,24.1,49.1,100,10,1,candidate
            s-two,Two,rail,24.2,49.2,100,10,1,candidate
            s-three,Three,rail,24.3,49.3,100,10,1,candidate
            s-four,Four,rail,24.4,49.4,100,10,1,candidate
            s-five,Five,rail,24.5,49.5,100,10,1,candidate
            s-six,Six,rail,24.6,abc,100,10,1,candidate
            """);
        var before = CliHarness.CountAllTables(_cli.DbPath);

        var (exit, stdout, stderr) = _cli.Run("import", "sites", "new-sites.csv");

        Assert.Equal(2, exit);
        Assert.Contains("new-sites.csv: line 7: field 'lat': expected a number between -90 and 90, found \"abc\"", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        Assert.Equal("", stdout);
        Assert.Equal(before, CliHarness.CountAllTables(_cli.DbPath));
    }

    [Fact]
    public void Import_WithJson_PutsTheLocatedProblemsOnStdout()
    {
        _cli.Write("inv.csv", "holder_id,equipment_type_id,quantity\nkrakovets,death-ray,1\n");

        var (exit, stdout, _) = _cli.Run("import", "inventory", "inv.csv", "--json");

        Assert.Equal(2, exit);
        var json = CliHarness.Json(stdout);
        Assert.False(json.GetProperty("ok").GetBoolean());
        var problem = Assert.Single(json.GetProperty("error").GetProperty("problems").EnumerateArray());
        Assert.Equal(("inv.csv", 2, "equipment_type_id"),
            (problem.GetProperty("file").GetString(), problem.GetProperty("line").GetInt32(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public void Import_GoodFile_AddsTheRows()
    {
        _cli.Write("more.csv", $"{SitesHeader}\nodesa-port,Odesa port,port,30.74,46.49,9000,1500,2500,candidate\n");

        var (exit, stdout, _) = _cli.Run("import", "sites", "more.csv", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(1, CliHarness.Json(stdout).GetProperty("records").GetInt32());
        Assert.Equal(5, CliHarness.CountAllTables(_cli.DbPath)["sites"]);
    }

    [Fact]
    public void Import_UnknownKind_IsAUsageError()
    {
        var (exit, _, stderr) = _cli.Run("import", "castles", "x.csv");

        Assert.Equal(2, exit);
        Assert.Contains("castles", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_IntoAMissingDatabase_ExitsTwo_AndCreatesNothing()
    {
        _cli.Write("more.csv", $"{SitesHeader}\nodesa-port,Odesa port,port,30.74,46.49,9000,1500,2500,candidate\n");

        var (exit, _, stderr) = _cli.Run("import", "sites", "more.csv", "--db", "missing.gpkg");

        Assert.Equal(2, exit);
        Assert.Contains("hubplanner init", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.WorkingDirectory, "missing.gpkg")));
    }
}
