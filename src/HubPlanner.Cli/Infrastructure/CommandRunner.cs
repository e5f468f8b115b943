using System.CommandLine;
using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.Planning;
using HubPlanner.Data.Store;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>What a command handler gets: the parse result, the host, the output and the database path.</summary>
public sealed record CommandRun(ParseResult Parse, CliEnvironment Environment, CommandOutput Output, string DbPath, CancellationToken Cancellation);

/// <summary>
/// Runs command handlers and maps every failure to an exit code — the one place where that happens:
/// bad input → 2 with the located problems, cancellation and internal errors → 1 with a message (stack
/// trace only with <c>--verbose</c>). Handlers return 0, or 3 for an infeasible plan.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="handler"/> and returns the process exit code.</summary>
    public static int Run(ParseResult parse, CliEnvironment environment, Func<CommandRun, int> handler, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(handler);
        var output = new CommandOutput(environment, parse.GetValue(GlobalOptions.Json));
        try
        {
            return handler(new CommandRun(parse, environment, output, GlobalOptions.ResolveDb(parse, environment), cancellation));
        }
        catch (Exception e)
        {
            return Report(e, output, environment, parse.GetValue(GlobalOptions.Verbose));
        }
    }

    /// <summary>Maps an exception to an exit code and tells the user, on stderr and (with --json) on stdout.</summary>
    public static int Report(Exception exception, CommandOutput output, CliEnvironment environment, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        var (code, kind, message, errors) = exception switch
        {
            BadInputException bad => (ExitCodes.BadInput, "bad_input", bad.Errors.Count > 0 ? "the input has problems; nothing was written" : bad.Message,
                bad.Errors),
            PlanInfeasibleException infeasible => (ExitCodes.Infeasible, "infeasible", $"the plan is infeasible ({infeasible.Stage})",
                infeasible.Reasons.Select(p => new InputError($"({infeasible.Stage})", null, null, null, p)).ToList()),
            PlanningInputException planning => (ExitCodes.BadInput, "bad_input", "refused: the scenario or plan input is inconsistent; nothing was changed",
                planning.Problems.Select(p => new InputError("scenario", null, null, null, p)).ToList()),
            PlanOverrideException overrides => (ExitCodes.BadInput, "bad_input", "refused: the scenario or plan input is inconsistent; nothing was changed",
                overrides.Problems.Select(p => new InputError("scenario", null, null, null, p)).ToList()),
            ScenarioLoadException load => (ExitCodes.BadInput, "bad_input", "refused: the scenario or plan input is inconsistent; nothing was changed",
                load.Problems.Select(p => new InputError("scenario", null, null, null, p)).ToList()),
            OperationCanceledException => (ExitCodes.InternalError, "cancelled", "cancelled; nothing was committed by the interrupted step",
                (IReadOnlyList<InputError>)[]),
            StoreException store => (ExitCodes.InternalError, "database", $"database error: {store.Message}", []),
            IOException io => (ExitCodes.InternalError, "io", $"file error: {io.Message}", []),
            _ => (ExitCodes.InternalError, "internal", $"internal error: {exception.Message}", []),
        };

        environment.Error.WriteLine($"hubplanner: {message}");
        foreach (var error in errors)
        {
            environment.Error.WriteLine($"  {error}");
        }

        if (verbose && code == ExitCodes.InternalError)
        {
            environment.Error.WriteLine(exception.ToString());
        }

        if (output.IsJson)
        {
            output.Json(new
            {
                ok = false,
                exitCode = code,
                error = new
                {
                    kind,
                    message,
                    problems = errors.Select(e => new { file = e.File, line = e.Line, feature = e.FeatureIndex, field = e.Field, message = e.Message }),
                },
            });
        }

        return code;
    }

    /// <summary>Serialises for tests and handlers that need the same JSON shape as the output.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, CommandOutput.JsonOptions);
}

/// <summary>Wires a command's action through <see cref="CommandRunner"/>.</summary>
public static class CommandExtensions
{
    /// <summary>Sets <paramref name="handler"/> as the action of <paramref name="command"/>, with errors mapped to exit codes.</summary>
    public static Command WithHandler(this Command command, CliEnvironment environment, Func<CommandRun, int> handler)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellation) => Task.FromResult(CommandRunner.Run(parse, environment, handler, cancellation)));
        return command;
    }
}
