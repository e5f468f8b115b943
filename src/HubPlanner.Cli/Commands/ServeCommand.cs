using System.CommandLine;
using HubPlanner.Cli.Infrastructure;
using HubPlanner.Service;

namespace HubPlanner.Cli.Commands;

/// <summary>
/// <c>hubplanner serve [--urls URL] [--workers N] [--open-reads]</c>: the hosted service (job worker pool and
/// HTTP API) on the database of <c>--db</c>, on loopback unless told otherwise. Runs until Ctrl+C / SIGTERM,
/// then stops claiming jobs and hands running ones back to the queue. Any other setting can follow as
/// configuration, e.g. <c>--HubPlanner:LeaseSeconds=60</c>.
/// </summary>
public sealed class ServeCommand : ICommandModule
{
    /// <inheritdoc />
    public int Order => 90;

    /// <inheritdoc />
    public Command Build(CliEnvironment environment)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Listening address (default {ServiceApp.DefaultUrls}: loopback only)",
            HelpName = "URL",
            DefaultValueFactory = _ => ServiceApp.DefaultUrls,
        };
        var workers = new Option<int?>("--workers") { Description = "Jobs run at once (default 1)", HelpName = "N" };
        var openReads = new Option<bool>("--open-reads") { Description = "Serve GET endpoints without a token (writes always need one)" };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow a non-loopback --urls; every read then needs a token (--open-reads is refused)",
        };
        var command = new Command("serve", "Run the hosted service: job worker + HTTP API (loopback by default)") { urls, workers, openReads, allowRemote };
        command.TreatUnmatchedTokensAsErrors = false;
        return command.WithHandler(environment, run =>
        {
            var address = run.Parse.GetValue(urls)!;
            foreach (var url in address.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new Data.Input.BadInputException($"--urls: '{url}' is not an http(s) URL such as {ServiceApp.DefaultUrls}");
                }

            }

            try
            {
                ServiceApp.CheckExposure(address, new ServiceOptions
                {
                    AllowRemote = run.Parse.GetValue(allowRemote),
                    RequireTokenForReads = !run.Parse.GetValue(openReads),
                });
            }
            catch (InvalidOperationException e)
            {
                throw new Data.Input.BadInputException($"--urls: {e.Message}");
            }

            if (run.Parse.GetValue(allowRemote))
            {
                run.Output.Diagnostic($"hubplanner: warning: {address} is reachable from other machines; every request needs a token");
            }

            List<string> args = [$"--urls={address}", $"--HubPlanner:DbPath={run.DbPath}"];
            if (run.Parse.GetValue(workers) is { } n)
            {
                args.Add($"--HubPlanner:WorkerConcurrency={n}");
            }

            if (run.Parse.GetValue(allowRemote))
            {
                args.Add("--HubPlanner:AllowRemote=true");
            }

            if (run.Parse.GetValue(openReads))
            {
                args.Add("--HubPlanner:RequireTokenForReads=false");
            }

            args.AddRange(run.Parse.UnmatchedTokens);
            ServiceApp.RunAsync([.. args], configureServices: null, run.Cancellation).GetAwaiter().GetResult();
            return ExitCodes.Ok;
        });
    }
}
