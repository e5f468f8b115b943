namespace HubPlanner.Bench;

/// <summary>
/// One benchmark suite (`matrix`, `pmedian`, `vrp`, …). Suites are discovered by reflection so that each
/// lives in its own file. Every suite prints one row per instance and, with `--json`, a last line holding
/// a JSON summary; every suite measures a baseline in the same run and reports the ratio.
/// </summary>
public interface IBenchSuite
{
    /// <summary>The name typed on the command line.</summary>
    string Name { get; }

    /// <summary>One line of help.</summary>
    string Description { get; }

    /// <summary>Runs the suite; returns the process exit code.</summary>
    int Run(IReadOnlyList<string> args);
}
