using System.Text.RegularExpressions;

namespace HubPlanner.Cli.Tests.Architecture;

/// <summary>
/// The hosts (service and command line) hold no SQL layer and no plan flow of their own: storage goes through
/// the Data interfaces, planning through <c>ScenarioPlanner</c>. These read the source tree.
/// </summary>
public sealed partial class HostBoundaryTests
{
    [Theory]
    [InlineData("src/HubPlanner.Service")]
    [InlineData("src/HubPlanner.Cli")]
    public void Hosts_NameNeitherTheDatabaseDriverNorThePipeline(string project)
    {
        string folder = Path.Combine(RepositoryRoot(), project);
        var offenders = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Forbidden().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(folder, f))
            .ToList();

        Assert.True(Directory.Exists(folder), folder);
        Assert.Empty(offenders);
    }

    [GeneratedRegex("Dapper|Microsoft.Data.Sqlite|SqliteConnection|SqliteException|PlanPipeline")]
    private static partial Regex Forbidden();

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "HubPlanner.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("HubPlanner.sln not found above " + AppContext.BaseDirectory);
    }
}
