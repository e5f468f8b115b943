using HubPlanner.Data.Input;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>Finds the dataset folder <c>data/ukraine</c> that <c>init</c> loads.</summary>
public static class DatasetLocator
{
    /// <summary>The dataset folder below a repository root.</summary>
    public const string RelativePath = "data/ukraine";

    /// <summary>
    /// <paramref name="explicitDirectory"/> if given; otherwise the first <c>data/ukraine</c> found walking up
    /// from the current directory, then from the program's own directory (so an installed or <c>dotnet run</c>
    /// binary finds the repository's dataset).
    /// </summary>
    /// <exception cref="BadInputException">Nothing was found, or the given folder does not exist.</exception>
    public static string Locate(CliEnvironment environment, string? explicitDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            string full = environment.Resolve(explicitDirectory);
            return Directory.Exists(full) ? full : throw new BadInputException($"--data {explicitDirectory}: no such folder.");
        }

        foreach (string start in new[] { environment.CurrentDirectory, environment.AssemblyDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "ukraine");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new BadInputException(
            $"Cannot find the dataset folder {RelativePath} above {environment.CurrentDirectory} or {environment.AssemblyDirectory}; pass --data DIR.");
    }
}
