using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Input;

namespace HubPlanner.Cli.Tests.Infrastructure;

public sealed class ExitCodeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void NoCommand_AndUnknownOptions_AreUsageErrors()
    {
        Assert.Equal(2, _cli.Run().Exit);
        Assert.Equal(2, _cli.Run("inspect", "--no-such-option").Exit);
        Assert.Equal(2, _cli.Run("fly").Exit);
    }

    [Fact]
    public void Help_ListsTheCommands_AndExitsZero()
    {
        var (exit, stdout, _) = _cli.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("init", stdout, StringComparison.Ordinal);
        Assert.Contains("import", stdout, StringComparison.Ordinal);
        Assert.Contains("inspect", stdout, StringComparison.Ordinal);
        Assert.Contains("--db", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalError_ExitsOne_WithAMessage_AndAStackTraceOnlyWhenVerbose()
    {
        // A folder where the database file should be: SQLite cannot open it.
        Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "dir.gpkg"));

        var quiet = _cli.Run("init", "--data", CliHarness.SevenNodesDataset, "--db", "dir.gpkg");
        var verbose = _cli.Run("init", "--data", CliHarness.SevenNodesDataset, "--db", "dir.gpkg", "--verbose");

        Assert.Equal(1, quiet.Exit);
        Assert.StartsWith("hubplanner: database error:", quiet.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quiet.Err, StringComparison.Ordinal);
        Assert.Equal(1, verbose.Exit);
        Assert.Contains("   at ", verbose.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(BadInputException), ExitCodes.BadInput)]
    [InlineData(typeof(InvalidOperationException), ExitCodes.InternalError)]
    [InlineData(typeof(OperationCanceledException), ExitCodes.InternalError)]
    [InlineData(typeof(IOException), ExitCodes.InternalError)]
    public void Report_MapsEachExceptionKindToItsExitCode(Type exceptionType, int expected)
    {
        var exception = (Exception)Activator.CreateInstance(exceptionType, "boom")!;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new CliEnvironment(stdout, stderr, _cli.WorkingDirectory, _ => null, AppContext.BaseDirectory, Interactive: false);

        int code = CommandRunner.Report(exception, new CommandOutput(env, json: true), env, verbose: false);

        Assert.Equal(expected, code);
        Assert.Equal(expected, CliHarness.Json(stdout.ToString()).GetProperty("exit_code").GetInt32());
    }
}
