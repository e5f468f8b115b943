using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using Spectre.Console;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner token create NAME</c> prints a new API token once (only its SHA-256 is stored);
/// <c>hubplanner token revoke NAME</c> makes it invalid at once.
/// </summary>
public sealed class TokenCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 95;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var createName = new Argument<string>("NAME") { Description = "Who or what the token is for (letters, digits, '.', '_', '-')" };
        var create = new Command("create", "Create an API token and print it once") { createName };
        create.WithHandler(environment, run =>
        {
            var name = run.Parse.GetValue(createName)!;
            if (!ApiTokens.IsValidName(name))
            {
                throw new BadInputException($"token name '{name}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'");
            }

            var tokens = PlanningStore.Open(run.DbPath); // creates or migrates the file
            var token = tokens.CreateToken(name, DateTimeOffset.UtcNow)
                        ?? throw new BadInputException($"a token named '{name}' already exists (revoked names stay taken); choose another name");
            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, name, token });
            }
            else
            {
                run.Output.Console.WriteLine($"Token '{name}' (shown only now; the database keeps just its SHA-256):");
                run.Output.Console.WriteLine(token);
            }

            return ExitCodes.Ok;
        });

        var revokeName = new Argument<string>("NAME") { Description = "The token's name" };
        var revoke = new Command("revoke", "Revoke an API token") { revokeName };
        revoke.WithHandler(environment, run =>
        {
            var name = run.Parse.GetValue(revokeName)!;
            var tokens = PlanningStore.Open(run.DbPath);
            if (!tokens.RevokeToken(name, DateTimeOffset.UtcNow))
            {
                throw new BadInputException($"no active token named '{name}'");
            }

            if (run.Output.IsJson)
            {
                run.Output.Json(new { ok = true, name, revoked = true });
            }
            else
            {
                run.Output.Console.WriteLine($"Token '{name}' revoked.");
            }

            return ExitCodes.Ok;
        });

        return new Command("token", "Create or revoke API tokens for the service") { create, revoke };
    }
}
