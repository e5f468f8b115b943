using HubPlanner.DataPrep;

return Cli.Run(args);
