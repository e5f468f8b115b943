using System.CommandLine;
using System.Net;
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
        var command = new Command("serve", "Run the hosted service: job worker + HTTP API (loopback by default)") { urls, workers, openReads };
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

                if (!(uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))))
                {
                    run.Output.Diagnostic($"hubplanner: warning: {url} is not a loopback address; the API will be reachable from other machines");
                }
            }

            List<string> args = [$"--urls={address}", $"--HubPlanner:DbPath={run.DbPath}"];
            if (run.Parse.GetValue(workers) is { } n)
            {
                args.Add($"--HubPlanner:WorkerConcurrency={n}");
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
