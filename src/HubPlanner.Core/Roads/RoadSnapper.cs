using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace HubPlanner.Core.Roads;

/// <summary>Where a point meets the road network.</summary>
/// <param name="Point">The point that was snapped.</param>
/// <param name="EdgeIndex">Index of the edge in <see cref="RoadGraph.Edges"/>.</param>
/// <param name="SegmentIndex">Polyline segment of the edge holding the snapped position.</param>
/// <param name="Fraction">Position along the edge from its start node, 0..1 of its length.</param>
/// <param name="Lon">Longitude of the snapped position.</param>
/// <param name="Lat">Latitude of the snapped position.</param>
/// <param name="OffRoadM">Geodesic distance from the point to the snapped position (m).</param>
public sealed record SnappedPoint(GeoPoint Point, int EdgeIndex, int SegmentIndex, double Fraction, double Lon, double Lat, double OffRoadM);

/// <summary>The result of snapping one point: a position, or the reason there is none.</summary>
public sealed record SnapResult(GeoPoint Point, SnappedPoint? Snapped, string? Problem)
{
    /// <summary>True if the point was attached to a road.</summary>
    public bool IsSnapped => Snapped is not null;
}

/// <summary>
/// Attaches points to their nearest road position: an STRtree over every edge segment (lon/lat envelopes), queried
/// in growing boxes; candidate segments are measured in metres in a local tangent plane around the point, and the
/// off-road leg is measured geodesically. Thread-safe once built.
/// </summary>
public sealed class RoadSnapper
{
    private const double MetresPerDegree = Math.PI / 180 * Wgs84Geodesic.MeanRadius;
    private readonly RoadGraph _graph;
    private readonly STRtree<long> _tree = new();

    internal RoadSnapper(RoadGraph graph)
    {
        _graph = graph;
        for (int e = 0; e < graph.Edges.Count; e++)
        {
            var coords = graph.Edges[e].Geometry.Coordinates;
            for (int s = 0; s + 1 < coords.Length; s++)
            {
                var env = new Envelope(coords[s], coords[s + 1]);
                _tree.Insert(env, ((long)e << 20) | (uint)s);
            }
        }

        _tree.Build();
    }

    /// <summary>
    /// The nearest position on an edge open to <paramref name="vehicle"/>; a point farther than
    /// <paramref name="maxDistanceM"/> from every such edge is reported, by name, as not reachable by road.
    /// </summary>
    public SnapResult Snap(GeoPoint point, VehicleType? vehicle, double maxDistanceM)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!(maxDistanceM > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDistanceM), $"snap distance must be positive, not {maxDistanceM}");
        }

        double cosLat = Math.Max(0.01, Math.Cos(point.Lat * Math.PI / 180));
        (int Edge, int Segment, double T, double DistM) best = (-1, -1, 0, double.MaxValue);
        for (double radius = Math.Min(500, maxDistanceM); ; radius = Math.Min(radius * 4, maxDistanceM))
        {
            // Plane metres slightly understate geodesic ones; pad the box so no candidate within the radius is missed.
            double padded = (radius * 1.01) + 1;
            double dLat = padded / MetresPerDegree;
            double dLon = dLat / cosLat;
            var box = new Envelope(point.Lon - dLon, point.Lon + dLon, point.Lat - dLat, point.Lat + dLat);
            foreach (long item in _tree.Query(box))
            {
                int e = (int)(item >> 20);
                int s = (int)(item & 0xFFFFF);
                if (!_graph.IsOpen(e, vehicle))
                {
                    continue;
                }

                var c = _graph.Edges[e].Geometry.Coordinates;
                var (t, dist) = ClosestOnSegment(point.Lon, point.Lat, cosLat, c[s], c[s + 1]);
                if (dist < best.DistM || (dist == best.DistM && (e < best.Edge || (e == best.Edge && s < best.Segment))))
                {
                    best = (e, s, t, dist);
                }
            }

            if (best.Edge >= 0 && best.DistM <= radius)
            {
                break;
            }

            if (radius >= maxDistanceM)
            {
                break;
            }
        }

        if (best.Edge < 0)
        {
            return new SnapResult(point, null,
                $"'{point.Name}' is not reachable by road: no road{(vehicle is null ? "" : $" open to {vehicle.Name}")} within {maxDistanceM / 1000:0.#} km");
        }

        var coords = _graph.Edges[best.Edge].Geometry.Coordinates;
        var a = coords[best.Segment];
        var b = coords[best.Segment + 1];
        double lon = a.X + (best.T * (b.X - a.X));
        double lat = a.Y + (best.T * (b.Y - a.Y));
        double offRoad = Wgs84Geodesic.Distance(point.Lon, point.Lat, lon, lat);
        if (offRoad > maxDistanceM)
        {
            return new SnapResult(point, null,
                $"'{point.Name}' is not reachable by road: the nearest road{(vehicle is null ? "" : $" open to {vehicle.Name}")} is {offRoad / 1000:0.#} km away (limit {maxDistanceM / 1000:0.#} km)");
        }

        double fraction = FractionAlong(coords, best.Segment, best.T);
        return new SnapResult(point, new SnappedPoint(point, best.Edge, best.Segment, fraction, lon, lat, offRoad), null);
    }

    /// <summary>Closest point of segment a-b to (lon, lat) in a local equirectangular plane: parameter t and distance (m).</summary>
    private static (double T, double DistM) ClosestOnSegment(double lon, double lat, double cosLat, Coordinate a, Coordinate b)
    {
        double ax = (a.X - lon) * cosLat * MetresPerDegree, ay = (a.Y - lat) * MetresPerDegree;
        double bx = (b.X - lon) * cosLat * MetresPerDegree, by = (b.Y - lat) * MetresPerDegree;
        double dx = bx - ax, dy = by - ay;
        double len2 = (dx * dx) + (dy * dy);
        double t = len2 == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / len2, 0, 1);
        double px = ax + (t * dx), py = ay + (t * dy);
        return (t, Math.Sqrt((px * px) + (py * py)));
    }

    /// <summary>Share of the polyline's geodesic length before the position (segment s, parameter t).</summary>
    private static double FractionAlong(Coordinate[] c, int segment, double t)
    {
        double before = 0, total = 0;
        for (int i = 0; i + 1 < c.Length; i++)
        {
            double len = Wgs84Geodesic.Distance(c[i].X, c[i].Y, c[i + 1].X, c[i + 1].Y);
            if (i < segment)
            {
                before += len;
            }
            else if (i == segment)
            {
                before += t * len;
            }

            total += len;
        }

        return total > 0 ? Math.Clamp(before / total, 0, 1) : 0;
    }
}
