namespace HubPlanner.Cli.Tests.Hardening;

/// <summary>
/// A plan whose routing delivers nothing is not a success: the stage says <c>no_solution</c>, <c>plan</c> exits 4, and
/// <c>compare</c> refuses to compare its routes with a plan that has some. On the mini planning fixture
/// (tests/fixtures/mini) a one-hour shift horizon leaves no vehicle able to reach a hub and return: no round trip
/// from an entry point to a site fits in an hour on the fixture's roads, so nothing is delivered whatever the search.
/// </summary>
public sealed class NoSolutionTests : IDisposable
{
    private static readonly string PlanMini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Plan_WhoseRoutingDeliversNothing_ExitsWith4_AndCompareSaysTheRoutesAreNotComparable()
    {
        Assert.Equal(0, _cli.Run("plan", "--data", PlanMini, "--deterministic", "--hubs", "3", "--seed", "1", "--out", "o").Exit);
        Assert.Equal(0, _cli.Run("scenario", "create", "one-hour", "--from", "base").Exit);
        Assert.Equal(0, _cli.Run("scenario", "edit", "one-hour", "--param", "horizon_h=1").Exit);

        var (exit, stdout, err) = _cli.Run("plan", "--scenario", "one-hour", "--deterministic", "--hubs", "3", "--seed", "1", "--out", "o2", "--json");

        Assert.True(exit == 4, $"exit {exit}: {err}");
        var doc = CliHarness.Json(stdout);
        Assert.False(doc.GetProperty("ok").GetBoolean());
        var routing = doc.GetProperty("report").GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "routing");
        Assert.Equal("no_solution", routing.GetProperty("status").GetString());
        Assert.Empty(doc.GetProperty("report").GetProperty("routes").EnumerateArray());

        var (compareExit, compareOut, compareErr) = _cli.Run("compare", "base", "one-hour");
        Assert.True(compareExit == 0, compareErr);
        Assert.Contains("not compared", compareOut, StringComparison.Ordinal);
        Assert.Contains("no solution", compareOut, StringComparison.Ordinal);
    }
}
