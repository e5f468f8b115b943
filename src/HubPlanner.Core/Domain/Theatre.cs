namespace HubPlanner.Core.Domain;

/// <summary>Who holds an area of ground.</summary>
public enum ControlStatus { GovernmentControlled, Occupied, Contested, HostileState }

/// <summary>
/// One dated polygon of the control map (lon/lat, SRID 4326). Occupied, contested and hostile-state areas are
/// hostile territory: threat rings and the line stand-off are measured from them. An inactive area (e.g. a
/// region that is available but not assumed hostile) is kept in the data and ignored by the planner.
/// </summary>
/// <param name="AsOf">The date the area describes, ISO 8601 (e.g. "2025-11-15").</param>
/// <param name="Source">Where the outline comes from, with its accuracy.</param>
public sealed record ControlArea(
    string Id,
    string Name,
    ControlStatus Status,
    string AsOf,
    string Source,
    bool Active,
    NetTopologySuite.Geometries.Geometry Geometry)
{
    /// <summary>True for an active occupied, contested or hostile-state area.</summary>
    public bool IsHostile => Active && Status is ControlStatus.Occupied or ControlStatus.Contested or ControlStatus.HostileState;
}

/// <summary>
/// Whether a threat class removes sites from the candidates (<see cref="Eligibility"/>) or only counts
/// against them (<see cref="Exposure"/>: rings that cover most of the country).
/// </summary>
public enum ThreatEffect { Eligibility, Exposure }

/// <summary>
/// A class of threat that reaches <paramref name="RangeKm"/> from hostile territory.
/// </summary>
/// <param name="Id">Slug, e.g. "glide-bombs".</param>
/// <param name="AppliesTo">Site kinds that must stay outside the ring (eligibility) or that count the exposure; empty = every kind.</param>
/// <param name="Source">Public source of the approximate range.</param>
public sealed record ThreatClass(
    string Id,
    string Name,
    double RangeKm,
    ThreatEffect Effect,
    IReadOnlyList<SiteKind> AppliesTo,
    string Source)
{
    /// <summary>True if the class concerns sites of this kind.</summary>
    public bool Concerns(SiteKind kind) => AppliesTo.Count == 0 || AppliesTo.Contains(kind);
}

/// <summary>An urban (built-up) area hubs keep away from (lon/lat polygon; approximate where written from knowledge).</summary>
/// <param name="Population">People living in it (for reports); 0 when unknown.</param>
public sealed record UrbanArea(string Id, string Name, int Population, NetTopologySuite.Geometries.Geometry Geometry);
