using System.Text.Json.Serialization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace HubPlanner.Core.Planning;

/// <summary>
/// One what-if edit. A child scenario stores only its edits; its problem is the parent's problem with the
/// edits applied in order. <see cref="Apply"/> is pure and validates: an invalid edit throws
/// <see cref="PlanningInputException"/> and changes nothing.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AddSiteEdit), "add_site")]
[JsonDerivedType(typeof(RemoveSiteEdit), "remove_site")]
[JsonDerivedType(typeof(MoveSiteEdit), "move_site")]
[JsonDerivedType(typeof(SetSiteStatusEdit), "set_site_status")]
[JsonDerivedType(typeof(SetInventoryEdit), "set_inventory")]
[JsonDerivedType(typeof(AddZoneEdit), "add_zone")]
[JsonDerivedType(typeof(SetParameterEdit), "set_param")]
[JsonDerivedType(typeof(ShiftControlEdit), "shift_control")]
[JsonDerivedType(typeof(SetControlEdit), "set_control")]
public abstract record ScenarioEdit
{
    /// <summary>Returns the edited problem.</summary>
    public abstract PlanningProblem Apply(PlanningProblem problem);

    /// <summary>One line for listings: "remove site lviv-rail".</summary>
    public abstract string Describe();

    /// <summary>Applies edits in order.</summary>
    public static PlanningProblem ApplyAll(PlanningProblem problem, IEnumerable<ScenarioEdit> edits) =>
        edits.Aggregate(problem, (p, e) => e.Apply(p));

    private protected static Site RequireSite(PlanningProblem problem, string id) =>
        problem.FindSite(id) ?? throw new PlanningInputException([$"unknown site '{id}'{Suggest(problem, id)}"]);

    private protected static void RequireInside(PlanningProblem problem, string what, double lon, double lat)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw new PlanningInputException([$"{what}: ({lon}, {lat}) is not a lon/lat position"]);
        }

        if (!problem.Border.IsEmpty && !problem.Border.Covers(GeoFactory.Point(lon, lat)))
        {
            throw new PlanningInputException([$"{what}: ({lon:0.####}, {lat:0.####}) is outside Ukraine's border"]);
        }
    }

    private static string Suggest(PlanningProblem problem, string id)
    {
        var close = problem.Sites
            .Where(s => s.Id.Contains(id, StringComparison.OrdinalIgnoreCase) || id.Contains(s.Id, StringComparison.OrdinalIgnoreCase)
                        || s.Name.Contains(id, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Id).Take(3).ToList();
        return close.Count > 0 ? $" (did you mean {string.Join(", ", close)}?)" : "";
    }
}

/// <summary>Adds a new candidate site.</summary>
public sealed record AddSiteEdit(Site Site) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        if (problem.FindSite(Site.Id) is not null)
        {
            throw new PlanningInputException([$"site '{Site.Id}' already exists"]);
        }

        RequireInside(problem, $"new site '{Site.Id}'", Site.Lon, Site.Lat);
        if (Site.StorageCapacityT < 0 || Site.FixedCost < 0)
        {
            throw new PlanningInputException([$"new site '{Site.Id}': capacity and fixed cost must be ≥ 0"]);
        }

        return problem with { Data = problem.Data with { Sites = [.. problem.Sites, Site] } };
    }

    public override string Describe() => $"add site {Site.Id} ({Site.Name}, {Site.Kind}) at {Site.Lon:0.####}, {Site.Lat:0.####}";
}

/// <summary>Removes a site from the candidates (e.g. a hub that is lost or refused by the host nation).</summary>
public sealed record RemoveSiteEdit(string SiteId) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        RequireSite(problem, SiteId);
        return problem with
        {
            Data = problem.Data with
            {
                Sites = problem.Sites.Where(s => s.Id != SiteId).ToArray(),
                Inventory = problem.Inventory.Where(i => i.HolderId != SiteId).ToArray(),
            },
        };
    }

    public override string Describe() => $"remove site {SiteId}";
}

/// <summary>Moves a site to a new position inside Ukraine.</summary>
public sealed record MoveSiteEdit(string SiteId, double Lon, double Lat) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        var site = RequireSite(problem, SiteId);
        RequireInside(problem, $"move of site '{SiteId}'", Lon, Lat);
        var moved = site with { Lon = Lon, Lat = Lat };
        return problem with { Data = problem.Data with { Sites = problem.Sites.Select(s => s.Id == SiteId ? moved : s).ToArray() } };
    }

    public override string Describe() => $"move site {SiteId} to {Lon:0.####}, {Lat:0.####}";
}

/// <summary>Forces a site open, forbids it, or returns it to candidate.</summary>
public sealed record SetSiteStatusEdit(string SiteId, SiteStatus Status) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        var site = RequireSite(problem, SiteId);
        var sites = problem.Sites.Select(s => s.Id == SiteId ? site with { Status = Status } : s).ToArray();
        return problem with { Data = problem.Data with { Sites = sites } };
    }

    public override string Describe() => $"{Status.ToString().ToLowerInvariant()} site {SiteId}";
}

/// <summary>Sets the stock of one equipment type at one entry point (or site).</summary>
public sealed record SetInventoryEdit(string EquipmentTypeId, int Quantity, string HolderId) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        if (problem.EquipmentTypes.All(t => t.Id != EquipmentTypeId))
        {
            throw new PlanningInputException([$"unknown equipment type '{EquipmentTypeId}'; known: {string.Join(", ", problem.EquipmentTypes.Select(t => t.Id))}"]);
        }

        if (problem.EntryPoints.All(e => e.Id != HolderId) && problem.Sites.All(s => s.Id != HolderId))
        {
            throw new PlanningInputException([$"unknown entry point or site '{HolderId}'"]);
        }

        if (Quantity < 0)
        {
            throw new PlanningInputException([$"inventory quantity {Quantity} is negative"]);
        }

        var rest = problem.Inventory.Where(i => !(i.HolderId == HolderId && i.EquipmentTypeId == EquipmentTypeId));
        return problem with { Data = problem.Data with { Inventory = [.. rest, new InventoryItem(HolderId, EquipmentTypeId, Quantity)] } };
    }

    public override string Describe() => $"set inventory {EquipmentTypeId} = {Quantity} at {HolderId}";
}

/// <summary>Adds a zone (e.g. a new exclusion area). The geometry travels as WKT so the edit stays plain text.</summary>
public sealed record AddZoneEdit(string ZoneId, string Name, [property: JsonPropertyName("zone_kind")] ZoneKind Kind, double Weight, string GeometryWkt) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        if (problem.Zones.Any(z => z.Id == ZoneId))
        {
            throw new PlanningInputException([$"zone '{ZoneId}' already exists"]);
        }

        var fields = new List<string>();
        if (!Enum.IsDefined(Kind))
        {
            fields.Add($"zone '{ZoneId}': field 'zone_kind' is {(int)Kind}; expected one of {string.Join(", ", Enum.GetNames<ZoneKind>()).ToLowerInvariant()}");
        }

        if (!double.IsFinite(Weight) || Weight < 0)
        {
            fields.Add($"zone '{ZoneId}': field 'weight' is {Weight}; expected a number ≥ 0");
        }

        if (fields.Count > 0)
        {
            throw new PlanningInputException(fields);
        }

        Geometry geometry;
        try
        {
            geometry = new WKTReader(GeoFactory.Services).Read(GeometryWkt);
        }
        catch (ParseException ex)
        {
            throw new PlanningInputException([$"zone '{ZoneId}': geometry is not valid WKT ({ex.Message})"]);
        }

        if (geometry is not (Polygon or MultiPolygon) || !geometry.IsValid || geometry.IsEmpty)
        {
            throw new PlanningInputException([$"zone '{ZoneId}': expected a valid, non-empty polygon"]);
        }

        if (geometry.Coordinates.FirstOrDefault(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90) is { } bad)
        {
            throw new PlanningInputException([$"zone '{ZoneId}': field 'geometry_wkt' has the point ({bad.X}, {bad.Y}), which is not a lon/lat position"]);
        }

        geometry.SRID = GeoFactory.Wgs84Srid;
        return problem with { Data = problem.Data with { Zones = [.. problem.Zones, new Zone(ZoneId, Name, Kind, geometry, Weight)] } };
    }

    public override string Describe() => $"add {Kind.ToString().ToLowerInvariant()} zone {ZoneId} ({Name})";
}

/// <summary>Sets a plan parameter (see <see cref="PlanParameters.Keys"/>).</summary>
public sealed record SetParameterEdit(string Key, string Value) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem) =>
        problem with { Parameters = problem.Parameters.With(Key, Value) };

    public override string Describe() => $"set {Key} = {Value}";
}

/// <summary>
/// Moves the line: grows every active occupied area of the control map by <see cref="DistanceKm"/> within Ukraine's
/// border (a negative distance shrinks it). Threat rings and the line stand-off follow.
/// </summary>
public sealed record ShiftControlEdit(double DistanceKm) : ScenarioEdit
{
    /// <summary>The largest shift accepted, km (beyond it the control map is better replaced with set_control).</summary>
    public const double MaxKm = 300;

    public override PlanningProblem Apply(PlanningProblem problem)
    {
        if (!double.IsFinite(DistanceKm) || Math.Abs(DistanceKm) > MaxKm)
        {
            throw new PlanningInputException([$"shift_control: distance_km is {DistanceKm}; expected a number of km between -{MaxKm} and {MaxKm}"]);
        }

        if (problem.Data.Control.All(c => !c.Active || c.Status != ControlStatus.Occupied))
        {
            throw new PlanningInputException(["shift_control: the control map has no active occupied area to grow; import one (import control FILE) or use set_control"]);
        }

        return problem with { Data = problem.Data with { Control = Theatre.ControlMap.Shift(problem.Data.Control, problem.Border, DistanceKm) } };
    }

    public override string Describe() => $"shift the occupied areas by {DistanceKm:0.#} km";
}

/// <summary>One area of a <see cref="SetControlEdit"/>; the geometry travels as WKT so the edit stays plain text.</summary>
public sealed record ControlAreaSpec(string AreaId, string Name, ControlStatus Status, string AsOf, string Source, bool Active, string GeometryWkt);

/// <summary>Replaces the whole control map (e.g. a map for another date, or a planner's assumption).</summary>
public sealed record SetControlEdit(IReadOnlyList<ControlAreaSpec> Areas) : ScenarioEdit
{
    public override PlanningProblem Apply(PlanningProblem problem)
    {
        if (Areas is null || Areas.Count == 0)
        {
            throw new PlanningInputException(["set_control: areas is empty; give at least one control area"]);
        }

        var errors = new List<string>();
        var areas = new List<ControlArea>();
        foreach (var a in Areas)
        {
            try
            {
                var geometry = new WKTReader(GeoFactory.Services).Read(a.GeometryWkt);
                geometry.SRID = GeoFactory.Wgs84Srid;
                areas.Add(new ControlArea(a.AreaId, a.Name, a.Status, a.AsOf, a.Source, a.Active, geometry));
            }
            catch (ParseException ex)
            {
                errors.Add($"set_control: area '{a.AreaId}': geometry is not valid WKT ({ex.Message})");
            }
        }

        errors.AddRange(Theatre.ControlMap.Check(areas).Select(e => "set_control: " + e));
        if (errors.Count > 0)
        {
            throw new PlanningInputException(errors);
        }

        return problem with { Data = problem.Data with { Control = areas } };
    }

    public override string Describe() => $"set the control map ({Areas.Count} areas)";
}
