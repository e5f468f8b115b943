using HubPlanner.Core.Planning;

namespace HubPlanner.Core.Contract;

/// <summary>
/// What <c>hubplanner plan --json</c> writes: the plan report (the same document as the stored result and
/// <c>GET /api/results/{id}</c>'s <c>report</c>) and where it went.
/// </summary>
/// <param name="ResultId">The stored result's id.</param>
/// <param name="Geojson">The GeoJSON file written next to the report.</param>
/// <param name="Report">The plan report.</param>
public sealed record PlanDocument(bool Ok, long? ResultId, string? Geojson, PlanResult Report);
