using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace HubPlanner.Core.Allocation;

/// <summary>Options of the demand-cell grid.</summary>
/// <param name="CellSizeKm">Side of a square cell in the LAEA plane.</param>
/// <param name="PriorityRedundancy">Redundancy target of cells inside a priority zone (0: none).</param>
/// <param name="MaxCells">Memory budget: a grid whose zone envelopes span more lattice cells than this is refused
/// before any cell is built (each kept cell costs ~200 bytes here and hubs × types bytes in the allocation model).</param>
public sealed record CoverageGridOptions(double CellSizeKm = 25, int PriorityRedundancy = 0, long MaxCells = CoverageGrid.DefaultMaxCells);

/// <summary>
/// Builds demand cells from airspace and coastal zone polygons: a square grid in the Ukraine LAEA plane (equal
/// area, so every cell weighs the same area), keeping cells whose centre lies in a zone. A cell's weight is
/// the zone's weight, multiplied by the weight of each priority zone containing it; cells in priority zones
/// receive the redundancy target of the options.
/// </summary>
public static class CoverageGrid
{
    /// <summary>The default budget of lattice cells: 200,000, i.e. cells of ~2 km over all of Ukraine's airspace
    /// (the default 30 km grid has under 1,000).</summary>
    public const long DefaultMaxCells = 200_000;

    /// <summary>Builds the cells; stops with <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled.</summary>
    /// <exception cref="HubPlanner.Core.Planning.PlanningInputException">The grid would exceed
    /// <see cref="CoverageGridOptions.MaxCells"/>; the message gives the count and the smallest cell size that fits.</exception>
    public static IReadOnlyList<DemandCell> Build(IEnumerable<Zone> zones, CoverageGridOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.CellSizeKm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CellSizeKm, "cell size must be > 0 km");
        }

        var proj = UkraineEqualArea.Instance;
        var all = zones.ToArray();
        var priority = all.Where(z => z.Kind == ZoneKind.Priority)
            .Select(z => (Zone: z, Prepared: PreparedGeometryFactory.Prepare(proj.Project(z.Geometry)))).ToArray();
        double size = options.CellSizeKm * 1000;
        var gridded = all.Where(z => z.Kind is ZoneKind.Airspace or ZoneKind.Coastal).Select(z => proj.Project(z.Geometry).EnvelopeInternal).ToList();
        double lattice = gridded.Sum(env => (Math.Floor(env.MaxX / size) - Math.Floor(env.MinX / size) + 1) * (Math.Floor(env.MaxY / size) - Math.Floor(env.MinY / size) + 1));
        if (lattice > options.MaxCells)
        {
            double areaM2 = gridded.Sum(env => env.Area);
            double smallest = Math.Ceiling(Math.Sqrt(areaM2 / options.MaxCells) / 1000 * 10) / 10;
            throw new HubPlanner.Core.Planning.PlanningInputException([string.Create(CultureInfo.InvariantCulture,
                $"cell_km = {options.CellSizeKm:G} km would make {lattice:N0} grid cells over the airspace and coastal zones; the budget is " +
                $"{options.MaxCells:N0} cells: use cell_km ≥ {Math.Max(smallest, 0.1):0.0} km")]);
        }

        var cells = new List<DemandCell>();
        foreach (var zone in all.Where(z => z.Kind is ZoneKind.Airspace or ZoneKind.Coastal))
        {
            var metric = proj.Project(zone.Geometry);
            var prepared = PreparedGeometryFactory.Prepare(metric);
            var env = metric.EnvelopeInternal;
            var domain = zone.Kind == ZoneKind.Airspace ? CoverageDomain.Airspace : CoverageDomain.Coastal;

            // Cells are aligned on a global lattice so that zones sharing an area share cell centres.
            long x0 = (long)Math.Floor(env.MinX / size), x1 = (long)Math.Floor(env.MaxX / size);
            long y0 = (long)Math.Floor(env.MinY / size), y1 = (long)Math.Floor(env.MaxY / size);
            for (long gx = x0; gx <= x1; gx++)
            {
                ct.ThrowIfCancellationRequested();
                for (long gy = y0; gy <= y1; gy++)
                {
                    var centre = new Coordinate((gx + 0.5) * size, (gy + 0.5) * size);
                    var point = GeoFactory.Metric.CreatePoint(centre);
                    if (!prepared.Contains(point))
                    {
                        continue;
                    }

                    double weight = zone.Weight;
                    int target = 0;
                    foreach (var (pz, pp) in priority)
                    {
                        if (pp.Contains(point))
                        {
                            weight *= pz.Weight;
                            target = options.PriorityRedundancy;
                        }
                    }

                    var (lon, lat) = proj.Inverse(centre.X, centre.Y);
                    cells.Add(new DemandCell(
                        string.Create(CultureInfo.InvariantCulture, $"{zone.Id}:{gx}:{gy}"), domain, lon, lat, weight, target));
                }
            }
        }

        return cells;
    }
}
