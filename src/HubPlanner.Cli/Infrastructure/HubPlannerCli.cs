using System.CommandLine;
using System.Reflection;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>The <c>hubplanner</c> command line: the root command, its global options and every <see cref="ICommandModule"/>.</summary>
public static class HubPlannerCli
{
    /// <summary>Builds the root command with every command module of this assembly.</summary>
    public static RootCommand Build(CliEnvironment environment)
    {
        var root = new RootCommand("HubPlanner: logistics hubs, equipment and deliveries for the reassurance force in Ukraine.\n" +
            "Exit codes: 0 ok, 1 internal error, 2 bad input or usage, 3 infeasible plan, 4 a stage produced no solution (plan stored, marked no_solution).");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Verbose);
        var modules = typeof(HubPlannerCli).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandModule).IsAssignableFrom(t))
            .Select(t => (ICommandModule)Activator.CreateInstance(t)!)
            .OrderBy(m => m.Order);
        foreach (var module in modules)
        {
            root.Subcommands.Add(module.Build(environment));
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code. Usage errors give 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = Build(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"hubplanner: {error.Message}");
            }

            await environment.Error.WriteLineAsync("Run 'hubplanner --help' for usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>The program's version, for reports.</summary>
    public static string Version =>
        typeof(HubPlannerCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
