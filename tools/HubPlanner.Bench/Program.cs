using System.Reflection;
using HubPlanner.Bench;

var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine("usage: HubPlanner.Bench SUITE [options] [--json]");
    foreach (var s in suites.Values)
    {
        Console.Error.WriteLine($"  {s.Name,-10} {s.Description}");
    }

    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: benchmarks must run in Release (dotnet run -c Release ...)");
#endif
return suite.Run(args.Skip(1).ToArray());
