using System.Globalization;
using HubPlanner.Core.Domain;

namespace HubPlanner.Data.Osm;

/// <summary>How OSM highway tags map to road classes, speeds, directions and weight limits.</summary>
public static class OsmTagParsing
{
    /// <summary>Road class of a highway value (motorway … tertiary and their links); null for any other highway.</summary>
    public static RoadClass? ClassOf(string? highway) => highway switch
    {
        "motorway" or "motorway_link" => RoadClass.Motorway,
        "trunk" or "trunk_link" => RoadClass.Trunk,
        "primary" or "primary_link" => RoadClass.Primary,
        "secondary" or "secondary_link" => RoadClass.Secondary,
        "tertiary" or "tertiary_link" => RoadClass.Tertiary,
        _ => null,
    };

    /// <summary>Speed assumed where a way has no usable maxspeed (km/h): links slower than their roads.</summary>
    public static double DefaultSpeedKmh(string highway) => highway switch
    {
        "motorway" => 110,
        "trunk" => 90,
        "primary" => 80,
        "secondary" => 70,
        "tertiary" => 60,
        "motorway_link" => 60,
        _ => 45,
    };

    /// <summary>
    /// maxspeed in km/h: "90", "50 mph", "UA:urban" (50), "UA:rural" (90), "UA:motorway" (130), "UA:trunk" (110),
    /// "xx:living_street" (20), "walk" (5); the first of ";"-separated values. Null if absent or unusable ("none", "signals").
    /// </summary>
    public static double? ParseMaxSpeedKmh(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string v = value.Split(';')[0].Trim().ToLowerInvariant();
        int colon = v.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            return v[(colon + 1)..] switch
            {
                "urban" => 50,
                "rural" => 90,
                "motorway" => 130,
                "trunk" => 110,
                "living_street" => 20,
                _ => null,
            };
        }

        if (v == "walk")
        {
            return 5;
        }

        double factor = 1;
        if (v.EndsWith("mph", StringComparison.Ordinal))
        {
            factor = 1.609344;
            v = v[..^3].Trim();
        }
        else if (v.EndsWith("km/h", StringComparison.Ordinal) || v.EndsWith("kmh", StringComparison.Ordinal))
        {
            v = v[..v.IndexOf('k', StringComparison.Ordinal)].Trim();
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) && speed > 0 && speed < 300
            ? speed * factor
            : null;
    }

    /// <summary>maxweight in tonnes: "20", "20 t", "3.5t", "15000 kg", "7 st" (short tons), "10000 lbs". Null if absent or unusable.</summary>
    public static double? ParseMaxWeightT(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string v = value.Split(';')[0].Trim().ToLowerInvariant().Replace(',', '.');
        int end = 0;
        while (end < v.Length && (char.IsAsciiDigit(v[end]) || v[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(v[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || number <= 0)
        {
            return null;
        }

        string unit = v[end..].Trim();
        double? tonnes = unit switch
        {
            "" or "t" => number,
            "kg" => number / 1000,
            "st" => number * 0.90718474,
            "lbs" or "lb" => number * 0.00045359237,
            _ => null,
        };
        return tonnes is > 0 and < 1000 ? tonnes : null;
    }

    /// <summary>
    /// Direction of a way: +1 one-way along the node order, -1 one-way against it, 0 both ways. oneway=yes/1/true,
    /// -1/reverse; motorways and roundabouts are one-way unless tagged oneway=no.
    /// </summary>
    public static int OneWay(string? oneway, string highway, string? junction)
    {
        switch (oneway?.Trim().ToLowerInvariant())
        {
            case "yes" or "1" or "true":
                return 1;
            case "-1" or "reverse":
                return -1;
            case "no" or "0" or "false":
                return 0;
        }

        return highway == "motorway" || junction is "roundabout" or "circular" ? 1 : 0;
    }
}
