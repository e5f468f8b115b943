using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Hardening;

/// <summary>An output path that names the database (or a file SQLite keeps beside it) is refused, by file identity,
/// not by spelling; an unwritable folder is refused before anything runs.</summary>
public sealed class OutputPathsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _db;

    public OutputPathsTests()
    {
        _db = _dir.File("plan.gpkg");
        File.WriteAllText(_db, "database");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CheckOutputFile_RefusesTheDatabaseItself()
    {
        var ex = Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(_db, _db));
        Assert.Contains("is the planning database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOutputFile_RefusesARelativePathToTheDatabase()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _db);
        Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(relative, _db));
        Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(Path.Combine(_dir.Path, ".", "sub", "..", "plan.gpkg"), _db));
    }

    [Fact]
    public void CheckOutputFile_RefusesASymbolicLinkToTheDatabase()
    {
        string link = _dir.File("link.gpkg");
        File.CreateSymbolicLink(link, _db);

        Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(link, _db));
    }

    [Fact]
    public void CheckOutputFile_RefusesAHardLinkToTheDatabase()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // identity by device and inode is the Unix check; Windows compares resolved paths
        }

        string hard = _dir.File("hard.gpkg");
        using (var ln = System.Diagnostics.Process.Start("ln", [_db, hard]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        var ex = Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(hard, _db));
        Assert.Contains(_db, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-wal")]
    [InlineData("-shm")]
    [InlineData("-journal")]
    public void CheckOutputFile_RefusesTheDatabaseCompanionFiles_WhetherOrNotTheyExist(string suffix)
    {
        Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(_db + suffix, _db));
        File.WriteAllText(_db + suffix, "x");
        var ex = Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFile(_db + suffix, _db));
        Assert.Contains(suffix[1..], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOutputFile_AcceptsAnotherFileInTheSameFolder_AndCreatesItsFolder()
    {
        string output = Path.Combine(_dir.Path, "out", "deeper", "plan.geojson");

        Assert.Equal(output, OutputPaths.CheckOutputFile(output, _db));
        Assert.True(Directory.Exists(Path.GetDirectoryName(output)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!)); // the write probe is gone
    }

    [Fact]
    public void CheckOutputFolder_RefusesAFolderThatCannotBeCreated()
    {
        string blocker = _dir.Write("blocker", "a file where a folder should be");

        var ex = Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFolder(Path.Combine(blocker, "out"), _db, "plan.geojson"));
        Assert.Contains("cannot be written", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOutputFolder_RefusesAFolderWhosePlanFileIsTheDatabase()
    {
        string db = _dir.File("plan.geojson");
        File.WriteAllText(db, "database");

        Assert.Throws<BadInputException>(() => OutputPaths.CheckOutputFolder(_dir.Path, db, "plan.geojson"));
    }
}
