// The service's own entry point (the crash test starts it as a child process); `hubplanner serve` is the same host.
await HubPlanner.Service.ServiceApp.RunAsync(args);
