using HubPlanner.Cli.Infrastructure;

return await HubPlannerCli.RunAsync(args, CliEnvironment.FromProcess());
