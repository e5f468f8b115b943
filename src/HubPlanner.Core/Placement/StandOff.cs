using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace HubPlanner.Core.Placement;

/// <summary>
/// Stand-off from exclusion zones: sites closer than a distance to any exclusion polygon (or inside it) are
/// ineligible, with the zone and the distance in the reason. Distances are measured in metres in the Ukraine
/// LAEA projection (≤ 0.2 % scale error across the country), never in degrees.
/// </summary>
public static class StandOff
{
    /// <summary>Returns one ineligibility per site closer than <paramref name="standOffKm"/> to some zone.</summary>
    /// <param name="zones">Exclusion zones (lon/lat polygons); zones of other kinds are ignored.</param>
    public static IReadOnlyList<SiteIneligibility> Ineligible(
        IEnumerable<CandidateSite> sites, IEnumerable<Zone> zones, double standOffKm)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(zones);
        if (double.IsNaN(standOffKm) || standOffKm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standOffKm), standOffKm, "stand-off must be ≥ 0 km");
        }

        var proj = UkraineEqualArea.Instance;
        var projected = zones.Where(z => z.Kind == ZoneKind.Exclusion)
            .Select(z => (Zone: z, Geometry: proj.Project(z.Geometry)))
            .ToArray();
        var result = new List<SiteIneligibility>();
        foreach (var site in sites)
        {
            var (x, y) = proj.Forward(site.Lon, site.Lat);
            var point = GeoFactory.Metric.CreatePoint(new Coordinate(x, y));
            (Zone Zone, double Km)? nearest = null;
            foreach (var (zone, geometry) in projected)
            {
                double km = geometry.Contains(point) ? 0 : DistanceOp.Distance(geometry, point) / 1000;
                if (km < standOffKm && (nearest is null || km < nearest.Value.Km))
                {
                    nearest = (zone, km);
                }
            }

            if (nearest is { } n)
            {
                string where = n.Km == 0
                    ? $"inside exclusion zone {n.Zone.Name}"
                    : $"{PlacementContext.Num(Math.Round(n.Km, 1))} km from exclusion zone {n.Zone.Name}";
                result.Add(new SiteIneligibility(site.Id, $"site {site.Name} is {where}; stand-off is {PlacementContext.Num(standOffKm)} km"));
            }
        }

        return result;
    }
}
