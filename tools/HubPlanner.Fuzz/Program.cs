using HubPlanner.Fuzz;
using SharpFuzz;

// hubplanner-fuzz TARGET            run under afl-fuzz (SharpFuzz's fork server), input on stdin
// hubplanner-fuzz TARGET FILE...    run the target once per file and report (reproduce a finding)
// hubplanner-fuzz seed-pbf FILE     write a small valid PBF to start the pbf corpus from
if (args.Length == 2 && args[0] == "seed-pbf")
{
    SeedPbf.Write(args[1]);
    return 0;
}

var target = args.Length >= 1 ? FuzzTargets.Named(args[0]) : null;
if (target is null)
{
    Console.Error.WriteLine("usage: HubPlanner.Fuzz csv|geojson|pbf [FILE...]  |  HubPlanner.Fuzz seed-pbf FILE");
    return 2;
}

string scratch = Path.Combine(Path.GetTempPath(), $"hp-fuzz-{Environment.ProcessId}");
Directory.CreateDirectory(scratch);
string path = Path.Combine(scratch, "input");
if (args.Length > 1)
{
    int failures = 0;
    foreach (string file in args.Skip(1))
    {
        try
        {
            target(File.ReadAllBytes(file), path);
            Console.WriteLine($"{file}: ok");
        }
#pragma warning disable CA1031 // reporting every kind of failure is the point of a reproduction run
        catch (Exception e)
#pragma warning restore CA1031
        {
            failures++;
            Console.WriteLine($"{file}: {e}");
        }
    }

    return failures == 0 ? 0 : 1;
}

Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray(), path);
});
return 0;
