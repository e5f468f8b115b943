namespace HubPlanner.Cli.Infrastructure;

/// <summary>The exit codes of the <c>hubplanner</c> command (a user contract: scripts rely on them).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An internal error (a bug or an environment failure): message, no stack trace unless --verbose.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input or usage: the message says which file, line and field, or which argument.</summary>
    public const int BadInput = 2;

    /// <summary>The plan is infeasible; the explanation is printed (and in --json output).</summary>
    public const int Infeasible = 3;

    /// <summary>A stage had work to do and produced nothing (routing delivered no order): the plan is stored with
    /// that stage marked <c>no_solution</c>, and is not a success.</summary>
    public const int NoSolution = 4;
}
