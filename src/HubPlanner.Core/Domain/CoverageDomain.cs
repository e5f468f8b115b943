namespace HubPlanner.Core.Domain;

/// <summary>
/// What is being covered: the airspace (by equipment with an air radius) or the coastal zone and coastline (by
/// equipment with a coastal radius). Allocation cells and coverage reports use the same two domains.
/// </summary>
public enum CoverageDomain
{
    /// <summary>Airspace: covered by types with an air radius.</summary>
    Airspace,

    /// <summary>Coastal zone and coastline: covered by types with a coastal radius.</summary>
    Coastal,
}
