namespace HubPlanner.Bench;

/// <summary>Where benchmarks find the repository's own files (the dataset) when run from inside the checkout.</summary>
internal static class BenchPaths
{
    /// <summary>The folder holding HubPlanner.sln, searched upwards from the working directory (else the working directory).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HubPlanner.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
