using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.Core.Theatre;

/// <summary>Operations on a control map (the what-if moves of the line).</summary>
public static class ControlMap
{
    /// <summary>
    /// Grows every active occupied area by <paramref name="km"/> within <paramref name="border"/> (buffered in the
    /// Ukraine LAEA plane); the other areas are unchanged. A negative distance shrinks them.
    /// </summary>
    public static IReadOnlyList<ControlArea> Shift(IReadOnlyList<ControlArea> control, Geometry border, double km)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(border);
        var proj = UkraineEqualArea.Instance;
        var borderProj = border.IsEmpty ? null : proj.Project(border);
        return control.Select(c =>
        {
            if (!c.Active || c.Status != ControlStatus.Occupied || km == 0)
            {
                return c;
            }

            var grown = BufferOp.Buffer(proj.Project(c.Geometry), km * 1000, new BufferParameters { QuadrantSegments = 8 });
            if (borderProj is not null)
            {
                grown = OverlayNGRobust.Overlay(grown, borderProj, SpatialFunction.Intersection);
            }

            var g = proj.Unproject(grown);
            g.SRID = GeoFactory.Wgs84Srid;
            return c with { Geometry = g };
        }).Where(c => !c.Geometry.IsEmpty).ToList();
    }

    /// <summary>Sentences for every problem of a control map (duplicate ids, empty or invalid polygons, undated areas).</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<ControlArea> control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var errors = new List<string>();
        foreach (var dup in control.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"control area '{dup.Key}' appears {dup.Count()} times");
        }

        foreach (var c in control)
        {
            if (c.Geometry is not (Polygon or MultiPolygon) || c.Geometry.IsEmpty || !c.Geometry.IsValid)
            {
                errors.Add($"control area '{c.Id}': expected a valid, non-empty polygon");
            }

            if (!DateOnly.TryParseExact(c.AsOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                errors.Add($"control area '{c.Id}': as_of is '{c.AsOf}'; expected a date YYYY-MM-DD");
            }
        }

        return errors;
    }
}
