using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Placement;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.Core.Theatre;

/// <summary>Where a site stands against hostile territory: its distance and the threat rings it lies inside.</summary>
/// <param name="HostileDistanceKm">Distance to the nearest hostile area (0 inside one); null when the control map holds none.</param>
/// <param name="NearestHostile">Name of the nearest hostile area.</param>
/// <param name="Rings">Ids of the threat classes whose ring contains the site (any effect, any site kind).</param>
public sealed record SiteThreat(string SiteId, double? HostileDistanceKm, string? NearestHostile, IReadOnlyList<string> Rings);

/// <summary>
/// Hostile territory (the active occupied, contested and hostile-state areas of the control map) and the
/// threat rings around it. Distances and buffers are metres in the Ukraine LAEA projection (≤ 0.2 % scale
/// error across the country), never degrees.
/// </summary>
public sealed class ThreatMap
{
    private readonly (ControlArea Area, Geometry Projected, IndexedPointInAreaLocator Locator, IndexedFacetDistance Distance)[] _hostile;
    private readonly IReadOnlyList<ThreatClass> _threats;

    private ThreatMap(IReadOnlyList<ControlArea> control, IReadOnlyList<ThreatClass> threats)
    {
        var proj = UkraineEqualArea.Instance;
        _hostile = control.Where(c => c.IsHostile)
            .Select(c =>
            {
                var g = proj.Project(c.Geometry);
                return (c, g, new IndexedPointInAreaLocator(g), new IndexedFacetDistance(g));
            })
            .ToArray();
        _threats = threats;
    }

    /// <summary>The threat map of a control map and a threats table.</summary>
    public static ThreatMap Create(IReadOnlyList<ControlArea> control, IReadOnlyList<ThreatClass> threats)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(threats);
        return new ThreatMap(control, threats);
    }

    /// <summary>True when the control map holds at least one active hostile area.</summary>
    public bool HasHostileTerritory => _hostile.Length > 0;

    /// <summary>Distance (km) from a lon/lat position to the nearest hostile area, with its name; null without hostile territory.</summary>
    public (double Km, string Name)? Nearest(double lon, double lat)
    {
        var (x, y) = UkraineEqualArea.Instance.Forward(lon, lat);
        var c = new Coordinate(x, y);
        var point = GeoFactory.Metric.CreatePoint(c);
        (double Km, string Name)? best = null;
        foreach (var (area, _, locator, distance) in _hostile)
        {
            double km = locator.Locate(c) != Location.Exterior ? 0 : distance.Distance(point) / 1000;
            if (best is null || km < best.Value.Km)
            {
                best = (km, area.Name);
            }
        }

        return best;
    }

    /// <summary>The site's distance to hostile territory and the rings it lies inside.</summary>
    public SiteThreat Assess(string siteId, double lon, double lat)
    {
        var nearest = Nearest(lon, lat);
        var rings = nearest is { } n ? _threats.Where(t => n.Km < t.RangeKm).Select(t => t.Id).ToList() : [];
        return new SiteThreat(siteId, nearest?.Km, nearest?.Name, rings);
    }

    /// <summary>
    /// One ineligibility per site inside the ring of an eligibility threat class that concerns its kind, naming the
    /// widest such ring, the distance and the nearest hostile area.
    /// </summary>
    public IReadOnlyList<SiteIneligibility> Ineligible(IEnumerable<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var result = new List<SiteIneligibility>();
        if (!HasHostileTerritory)
        {
            return result;
        }

        foreach (var site in sites)
        {
            var (km, name) = Nearest(site.Lon, site.Lat)!.Value;
            var ring = _threats.Where(t => t.Effect == ThreatEffect.Eligibility && t.Concerns(site.Kind) && km < t.RangeKm)
                .MaxBy(t => t.RangeKm);
            if (ring is not null)
            {
                string where = km == 0 ? $"inside hostile territory ({name})" : $"{Num(km)} km from hostile territory ({name})";
                result.Add(new SiteIneligibility(site.Id,
                    $"site {site.Name} is {where}, inside the {ring.Name} ring ({Num(ring.RangeKm)} km); {FormatKind(site.Kind)} sites must stay outside it"));
            }
        }

        return result;
    }

    /// <summary>The ring of each threat class as a lon/lat polygon: hostile territory buffered by the range, clipped to <paramref name="clip"/> when given.</summary>
    public IReadOnlyList<(ThreatClass Threat, Geometry Ring)> Rings(Geometry? clip, int quadrantSegments = 8)
    {
        var proj = UkraineEqualArea.Instance;
        if (_hostile.Length == 0)
        {
            return [];
        }

        var hostile = OverlayNGRobust.Union(_hostile.Select(h => h.Projected).ToArray());
        var clipProj = clip is null || clip.IsEmpty ? null : proj.Project(clip);
        if (clipProj is not null)
        {
            // Only hostile ground within the widest range of the clip area shapes a clipped ring.
            double widest = _threats.Max(t => t.RangeKm) * 1000;
            hostile = OverlayNGRobust.Overlay(hostile, GeoFactory.Metric.ToGeometry(Expand(clipProj.EnvelopeInternal, widest)),
                NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
        }

        var rings = new List<(ThreatClass, Geometry)>();
        foreach (var t in _threats.Where(t => t.RangeKm > 0))
        {
            // A map layer: simplifying the source by 1 % of the range moves the ring by at most that much (≤ 0.4 km for
            // the 40 km ring) and keeps the buffers of the 1,500–2,500 km rings cheap.
            var source = NetTopologySuite.Simplify.DouglasPeuckerSimplifier.Simplify(hostile, t.RangeKm * 10);
            var ring = BufferOp.Buffer(source, t.RangeKm * 1000, new BufferParameters { QuadrantSegments = quadrantSegments });
            if (clipProj is not null)
            {
                ring = OverlayNGRobust.Overlay(ring, clipProj, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
            }

            var g = proj.Unproject(ring);
            g.SRID = GeoFactory.Wgs84Srid;
            rings.Add((t, g));
        }

        return rings;
    }

    private static Envelope Expand(Envelope e, double by) => new(e.MinX - by, e.MaxX + by, e.MinY - by, e.MaxY + by);

    internal static string Num(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    internal static string FormatKind(SiteKind kind) => kind.ToString().ToLowerInvariant();
}
