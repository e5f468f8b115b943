namespace HubPlanner.Cli.Tests.Hardening;

/// <summary>
/// Outputs never overwrite the database, and a refused output commits nothing: checked before solving, on the
/// mini planning fixture (tests/fixtures/mini), every run deterministic.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private static readonly string PlanMini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private (int Exit, string Out, string Err) Plan(params string[] extra) =>
        _cli.Run(["plan", "--data", PlanMini, "--deterministic", "--hubs", "3", "--seed", "1", .. extra]);

    [Fact]
    public void ExportGpkg_NamingTheDatabase_IsRefusedWithExit2_AndTheDatabaseIsUntouched()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        var before = CliHarness.CountAllTables(_cli.DbPath);
        string link = Path.Combine(_cli.WorkingDirectory, "alias.gpkg");
        File.CreateSymbolicLink(link, _cli.DbPath);

        foreach (string output in new[] { _cli.DbPath, "hubplanner.gpkg", "./sub/../hubplanner.gpkg", link, _cli.DbPath + "-wal" })
        {
            var (exit, _, err) = _cli.Run("export", "gpkg", "--scenario", "base", "--out", output);
            Assert.True(exit == 2, $"{output}: exit {exit}: {err}");
            Assert.Contains("planning database", err, StringComparison.Ordinal);
        }

        var (geojsonExit, _, geojsonErr) = _cli.Run("export", "geojson", "--scenario", "base", "--out", "hubplanner.gpkg");
        Assert.True(geojsonExit == 2, geojsonErr);
        Assert.Equal(before, CliHarness.CountAllTables(_cli.DbPath));
    }

    [Fact]
    public void Plan_ToAnUnwritableOutput_FailsBeforeSolving_AndStoresNoResult()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        var before = CliHarness.CountAllTables(_cli.DbPath);
        _cli.Write("blocker", "a file where the output folder should be");

        var (exit, _, err) = Plan("--out", "blocker/out");

        Assert.True(exit == 2, err);
        Assert.Contains("cannot be written", err, StringComparison.Ordinal);
        Assert.DoesNotContain("routing", err, StringComparison.Ordinal); // refused before any stage ran
        Assert.Equal(before, CliHarness.CountAllTables(_cli.DbPath));
    }

    [Fact]
    public void Plan_WithHubsAboveTheCandidateSites_IsAnErrorNamingTheCount()
    {
        var (exit, _, err) = _cli.Run("plan", "--data", PlanMini, "--deterministic", "--hubs", "1000", "--seed", "1", "--out", "o");

        Assert.True(exit == 2, err);
        Assert.Contains("hubs", err, StringComparison.Ordinal);
        Assert.Contains("1 to 5", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioEditUndo_RemovesTheLastEdit_AndAnUnknownSequenceIsExit2()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        Assert.Equal(0, _cli.Run("scenario", "create", "w", "--from", "base").Exit);
        Assert.Equal(0, _cli.Run("scenario", "edit", "w", "--remove-site", "vin-rail").Exit);
        Assert.Equal(0, _cli.Run("scenario", "edit", "w", "--forbid", "khm-air").Exit);

        var (exit, stdout, err) = _cli.Run("scenario", "edit", "w", "--undo");
        Assert.True(exit == 0, err);
        Assert.Contains("edit #2 (set_site_status) removed", stdout, StringComparison.Ordinal);

        var (unknown, _, unknownErr) = _cli.Run("scenario", "edit", "w", "--undo", "9");
        Assert.Equal(2, unknown);
        Assert.Contains("no edit #9", unknownErr, StringComparison.Ordinal);

        var (mixed, _, _) = _cli.Run("scenario", "edit", "w", "--undo", "--forbid", "khm-air");
        Assert.Equal(2, mixed);
    }

    [Fact]
    public void ParallelIdenticalEdits_FromSixProcesses_StoreOne()
    {
        Assert.Equal(0, Plan("--out", "o").Exit);
        Assert.Equal(0, _cli.Run("scenario", "create", "race", "--from", "base").Exit);

        var exits = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, _ =>
            exits.Add(_cli.Run("scenario", "edit", "race", "--remove-site", "vin-rail").Exit));

        Assert.Equal(1, exits.Count(e => e == 0));
        Assert.All(exits.Where(e => e != 0), e => Assert.Equal(2, e));
        var (exit, stdout, _) = _cli.Run("scenario", "show", "race", "--json");
        Assert.Equal(0, exit);
        Assert.Equal(1, CliHarness.Json(stdout).GetProperty("edits").GetArrayLength());
    }
}
