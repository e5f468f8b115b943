using System.Globalization;
using HubPlanner.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.Core.Coverage;

/// <summary>Builds coverage inputs from the planner's domain records (sites, equipment types, zones).</summary>
public static class CoverageInputs
{
    /// <summary>
    /// One asset per unit of <paramref name="type"/> held at <paramref name="hub"/>, with ids
    /// "{hub}/{type}/{n}" (n = 1..quantity). Types without air or coastal range (supplies, fuel) give none.
    /// </summary>
    public static IReadOnlyList<CoverageAsset> Units(Site hub, EquipmentType type, int quantity)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        if (type.AirRadiusKm <= 0 && type.CoastalRadiusKm <= 0)
        {
            return [];
        }

        return Enumerable.Range(1, quantity)
            .Select(n => new CoverageAsset(string.Create(CultureInfo.InvariantCulture, $"{hub.Id}/{type.Id}/{n}"), hub.Id, type.Id,
                hub.Lon, hub.Lat, type.AirRadiusKm, type.CoastalRadiusKm, type.SensorHeightM))
            .ToArray();
    }

    /// <summary>
    /// A problem from the dataset's zones: the airspace is the union of the airspace zones (or
    /// <paramref name="border"/> when there are none), the coastal zone the union of the coastal zones, and every
    /// priority zone becomes a weighted priority zone. Exclusion zones play no part in coverage.
    /// </summary>
    public static CoverageProblem Problem(
        IReadOnlyList<CoverageAsset> assets,
        IEnumerable<Zone> zones,
        Geometry? border,
        Geometry? coastline,
        IReadOnlyList<WeightedPoint>? points = null,
        IReadOnlyList<double>? bandsM = null,
        double minGapAreaKm2 = 100)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var list = zones.ToList();
        var airspace = UnionOf(list.Where(z => z.Kind == ZoneKind.Airspace)) ?? border
            ?? throw new ArgumentException("Neither an airspace zone nor a border was given.", nameof(zones));
        var coastal = UnionOf(list.Where(z => z.Kind == ZoneKind.Coastal));
        var priority = list.Where(z => z.Kind == ZoneKind.Priority).Select(z => new PriorityZone(z.Id, z.Geometry, z.Weight)).ToArray();
        return CoverageProblem.Create(assets, airspace, coastal, coastline, priority, points, bandsM, minGapAreaKm2);
    }

    private static Geometry? UnionOf(IEnumerable<Zone> zones)
    {
        var geometries = zones.Select(z => z.Geometry.IsValid ? z.Geometry : GeometryFixer.Fix(z.Geometry)).ToList();
        return geometries.Count switch
        {
            0 => null,
            1 => geometries[0],
            _ => OverlayNGRobust.Union(geometries),
        };
    }
}
