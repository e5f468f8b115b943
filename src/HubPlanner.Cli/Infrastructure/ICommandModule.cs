using System.CommandLine;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>
/// One top-level command of <c>hubplanner</c>, in one file. Every non-abstract implementation in this
/// assembly is found by reflection, so adding a command is adding a file: build the <see cref="Command"/>,
/// and in its action call <see cref="CommandRunner.Run"/> so errors map to exit codes in one place.
/// </summary>
public interface ICommandModule
{
    /// <summary>Position in the help listing (lower first).</summary>
    int Order { get; }

    /// <summary>Builds the command for the given host environment.</summary>
    Command Build(CliEnvironment environment);
}
