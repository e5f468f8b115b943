namespace HubPlanner.Data.Import;

/// <summary>
/// The ids that references may point to while a batch is checked: those already in the database (for an
/// import into an existing one) plus those read earlier in the same batch; and the context the checks of
/// positions need (the study area, the stored road ends).
/// </summary>
public sealed class KnownIds
{
    public HashSet<string> Sites { get; } = new(StringComparer.Ordinal);

    public HashSet<string> EntryPoints { get; } = new(StringComparer.Ordinal);

    public HashSet<string> EquipmentTypes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> VehicleTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Road node id → lon/lat, to check that a road's ends lie on its nodes.</summary>
    public Dictionary<long, (double Lon, double Lat)> RoadNodes { get; } = [];

    /// <summary>
    /// Road node id → the stored ends of the roads that start or end at it (lon/lat), so that a road-node import
    /// cannot move a node away from its roads. Filled only for a road-node import into an existing database.
    /// </summary>
    public Dictionary<long, List<(double Lon, double Lat)>> RoadEnds { get; } = [];

    /// <summary>The stored border (or the border of the dataset being loaded); null when there is none.</summary>
    public StudyArea? StudyArea { get; set; }

    /// <summary>What the import was asked to allow (expected border area, …).</summary>
    public ImportOptions Options { get; set; } = ImportOptions.Default;
}

/// <summary>Options of one import.</summary>
/// <param name="ExpectedBorderAreaKm2">A border import must have this area (±5 %) instead of the stored border's.</param>
/// <param name="AllowShrink">Allow replacing the road network by one with under half its nodes.</param>
public sealed record ImportOptions(double? ExpectedBorderAreaKm2 = null, bool AllowShrink = false)
{
    /// <summary>No expected area, no shrinking.</summary>
    public static ImportOptions Default { get; } = new();
}
