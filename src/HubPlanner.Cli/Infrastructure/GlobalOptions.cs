using System.CommandLine;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>Options that apply to every command (<c>--db</c>, <c>--json</c>, <c>--verbose</c>).</summary>
public static class GlobalOptions
{
    /// <summary>Environment variable naming the database when <c>--db</c> is not given.</summary>
    public const string DbVariable = "HUBPLANNER_DB";

    /// <summary>The database used when neither <c>--db</c> nor <c>$HUBPLANNER_DB</c> is given.</summary>
    public const string DefaultDb = "hubplanner.gpkg";

    /// <summary><c>--db PATH</c>.</summary>
    public static Option<string?> Db { get; } = new("--db")
    {
        Description = $"Planning database (GeoPackage). Default: ${DbVariable}, else ./{DefaultDb}",
        Recursive = true,
        HelpName = "PATH",
    };

    /// <summary><c>--json</c>.</summary>
    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable JSON on stdout instead of human text",
        Recursive = true,
    };

    /// <summary><c>--verbose</c>.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show stack traces of internal errors",
        Recursive = true,
    };

    /// <summary>The database path: <c>--db</c>, else <c>$HUBPLANNER_DB</c>, else <c>./hubplanner.gpkg</c>; absolute.</summary>
    public static string ResolveDb(ParseResult parse, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(env);
        string? path = parse.GetValue(Db);
        if (string.IsNullOrWhiteSpace(path))
        {
            path = env.GetVariable(DbVariable);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            path = DefaultDb;
        }

        return env.Resolve(path);
    }
}
