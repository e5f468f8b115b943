using System.Globalization;

namespace HubPlanner.DataPrep;

/// <summary>Command dispatch of the DataPrep tool: build (geometry), roads (network from the spec), check.</summary>
internal static class Cli
{
    private const string Usage = """
        usage:
          HubPlanner.DataPrep build --raw DIR --out DIR [--landward-km 10]
              repairs and unions the Natural Earth outlines extracted by tools/dataprep/extract.mjs and writes
              border.geojson, coast.geojson, neighbours.geojson and zones.geojson (needs places.csv in --out)
          HubPlanner.DataPrep roads --spec FILE --out DIR
              expands the trunk-road spec into road_nodes.csv and roads.geojson (needs places.csv, sites.csv,
              entry_points.csv in --out for node positions and access links)
          HubPlanner.DataPrep theatre --spec FILE --out DIR
              expands the control-map spec into control.geojson (with Russia and Belarus from neighbours.geojson)
              and writes the force's demand points (demand_points.csv) outside occupied ground and the line stand-off
          HubPlanner.DataPrep check DIR
              validates a dataset folder independently of the importers; exit 0 when every check passes
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "build":
                    {
                        var raw = Option(args, "--raw") ?? throw new ArgumentException("build needs --raw DIR");
                        var output = Option(args, "--out") ?? throw new ArgumentException("build needs --out DIR");
                        var landward = double.Parse(Option(args, "--landward-km") ?? "10", CultureInfo.InvariantCulture);
                        if (landward < 0 || landward > 100)
                        {
                            throw new ArgumentException($"--landward-km must be within 0..100, was {landward}");
                        }

                        GeometryBuilder.Build(raw, output, landward, Console.Out);
                        return 0;
                    }

                case "roads":
                    {
                        var spec = Option(args, "--spec") ?? throw new ArgumentException("roads needs --spec FILE");
                        var output = Option(args, "--out") ?? throw new ArgumentException("roads needs --out DIR");
                        RoadBuilder.Build(spec, output, Console.Out);
                        return 0;
                    }

                case "theatre":
                    {
                        var spec = Option(args, "--spec") ?? throw new ArgumentException("theatre needs --spec FILE");
                        var output = Option(args, "--out") ?? throw new ArgumentException("theatre needs --out DIR");
                        TheatreBuilder.Build(spec, output, Console.Out);
                        return 0;
                    }

                case "check":
                    {
                        if (args.Length < 2)
                        {
                            throw new ArgumentException("check needs a dataset folder");
                        }

                        return DatasetChecker.Run(args[1], Console.Out) ? 0 : 1;
                    }

                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        for (int i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
