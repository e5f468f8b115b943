namespace HubPlanner.Data.Import;

/// <summary>
/// The ids that references may point to while a batch is checked: those already in the database (for an
/// import into an existing one) plus those read earlier in the same batch.
/// </summary>
public sealed class KnownIds
{
    public HashSet<string> Sites { get; } = new(StringComparer.Ordinal);

    public HashSet<string> EntryPoints { get; } = new(StringComparer.Ordinal);

    public HashSet<string> EquipmentTypes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> VehicleTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Road node id → lon/lat, to check that a road's ends lie on its nodes.</summary>
    public Dictionary<long, (double Lon, double Lat)> RoadNodes { get; } = [];
}
