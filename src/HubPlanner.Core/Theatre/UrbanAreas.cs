using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Placement;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace HubPlanner.Core.Theatre;

/// <summary>
/// Urban stand-off: sites inside an urban area or closer than a distance to its edge are ineligible, with the
/// nearest area and the distance in the reason, so that stocks are not held among civilians. Distances are
/// metres in the Ukraine LAEA projection. The shipped areas are approximate discs scaled by population (see
/// <see cref="DiscRadiusKm"/>).
/// </summary>
public static class UrbanAreas
{
    /// <summary>Assumed mean population density of a Ukrainian city's built-up area, people per km².</summary>
    public const double DensityPerKm2 = 3_000;

    /// <summary>Places below this population get no urban disc.</summary>
    public const int MinPopulation = 50_000;

    /// <summary>Radius (km) of the disc a population fills at <see cref="DensityPerKm2"/>.</summary>
    public static double DiscRadiusKm(int population) => Math.Sqrt(population / DensityPerKm2 / Math.PI);

    /// <summary>One ineligibility per site inside an urban area or closer than <paramref name="standOffKm"/> to one (nearest named).</summary>
    public static IReadOnlyList<SiteIneligibility> Ineligible(IEnumerable<Site> sites, IReadOnlyList<UrbanArea> areas, double standOffKm)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(areas);
        var result = new List<SiteIneligibility>();
        if (areas.Count == 0)
        {
            return result;
        }

        var proj = UkraineEqualArea.Instance;
        var indexed = areas.Select(a =>
        {
            var g = proj.Project(a.Geometry);
            return (Area: a, Locator: new IndexedPointInAreaLocator(g), Distance: new IndexedFacetDistance(g));
        }).ToArray();
        foreach (var site in sites)
        {
            var (x, y) = proj.Forward(site.Lon, site.Lat);
            var c = new Coordinate(x, y);
            var point = GeoFactory.Metric.CreatePoint(c);
            (UrbanArea Area, double Km)? nearest = null;
            foreach (var (area, locator, distance) in indexed)
            {
                double km = locator.Locate(c) != Location.Exterior ? 0 : distance.Distance(point) / 1000;
                if ((km == 0 || km < standOffKm) && (nearest is null || km < nearest.Value.Km))
                {
                    nearest = (area, km);
                }
            }

            if (nearest is { } n)
            {
                string where = n.Km == 0 ? $"inside the urban area of {n.Area.Name}" : $"{ThreatMap.Num(n.Km)} km from the urban area of {n.Area.Name}";
                result.Add(new SiteIneligibility(site.Id, $"site {site.Name} is {where}; urban stand-off is {ThreatMap.Num(standOffKm)} km"));
            }
        }

        return result;
    }
}
