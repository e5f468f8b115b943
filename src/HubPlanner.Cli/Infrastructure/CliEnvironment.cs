namespace HubPlanner.Cli.Infrastructure;

/// <summary>
/// What a command may see of the host: its output streams, working directory, environment variables and
/// where the program lives. Tests pass their own to run commands in-process.
/// </summary>
/// <param name="Interactive">True when <paramref name="Out"/> is a terminal (colours and live width allowed).</param>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    string CurrentDirectory,
    Func<string, string?> GetVariable,
    string AssemblyDirectory,
    bool Interactive)
{
    /// <summary>The real process: console streams, current directory, process environment.</summary>
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable,
        AppContext.BaseDirectory,
        Interactive: !Console.IsOutputRedirected);

    /// <summary>Resolves a path typed by the user against <see cref="CurrentDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, CurrentDirectory);
}
