namespace HubPlanner.Data.Import;

/// <summary>The kinds of file <c>hubplanner import KIND FILE</c> accepts (formats in <c>data/FORMAT.md</c>).</summary>
public enum ImportKind
{
    /// <summary><c>places.csv</c></summary>
    Places,

    /// <summary><c>sites.csv</c></summary>
    Sites,

    /// <summary><c>entry_points.csv</c></summary>
    EntryPoints,

    /// <summary><c>equipment_types.csv</c></summary>
    Equipment,

    /// <summary><c>inventory.csv</c></summary>
    Inventory,

    /// <summary><c>vehicle_types.csv</c></summary>
    Vehicles,

    /// <summary><c>fleet.csv</c></summary>
    Fleet,

    /// <summary><c>demand_points.csv</c></summary>
    Demand,

    /// <summary><c>road_nodes.csv</c></summary>
    RoadNodes,

    /// <summary><c>roads.geojson</c></summary>
    Roads,

    /// <summary><c>zones.geojson</c></summary>
    Zones,

    /// <summary><c>border.geojson</c></summary>
    Border,

    /// <summary><c>coast.geojson</c></summary>
    Coast,

    /// <summary><c>neighbours.geojson</c></summary>
    Neighbours,

    /// <summary><c>control.geojson</c>: the dated control map (occupied, contested, hostile-state areas)</summary>
    Control,

    /// <summary><c>threats.csv</c>: threat classes and their ranges from hostile territory</summary>
    Threats,

    /// <summary><c>urban_areas.geojson</c>: urban areas hubs keep away from</summary>
    Urban,
}

/// <summary>Names of the import kinds on the command line and in a dataset folder.</summary>
public static class ImportKinds
{
    private static readonly (ImportKind Kind, string CliName, string FileName, bool RequiredInDataset)[] Table =
    [
        (ImportKind.Places, "places", "places.csv", true),
        (ImportKind.Sites, "sites", "sites.csv", true),
        (ImportKind.EntryPoints, "entry-points", "entry_points.csv", true),
        (ImportKind.Equipment, "equipment", "equipment_types.csv", true),
        (ImportKind.Inventory, "inventory", "inventory.csv", true),
        (ImportKind.Vehicles, "vehicles", "vehicle_types.csv", true),
        (ImportKind.Fleet, "fleet", "fleet.csv", true),
        (ImportKind.Demand, "demand", "demand_points.csv", true),
        (ImportKind.RoadNodes, "road-nodes", "road_nodes.csv", true),
        (ImportKind.Roads, "roads", "roads.geojson", true),
        (ImportKind.Zones, "zones", "zones.geojson", true),
        (ImportKind.Border, "border", "border.geojson", false),
        (ImportKind.Coast, "coast", "coast.geojson", false),
        (ImportKind.Neighbours, "neighbours", "neighbours.geojson", false),
        (ImportKind.Control, "control", "control.geojson", false),
        (ImportKind.Threats, "threats", "threats.csv", false),
        (ImportKind.Urban, "urban", "urban_areas.geojson", false),
    ];

    /// <summary>All kinds, in an order where every kind comes after the kinds it references.</summary>
    public static IReadOnlyList<ImportKind> All { get; } = Table.Select(t => t.Kind).ToList();

    /// <summary>The word typed after <c>import</c>.</summary>
    public static string CliName(ImportKind kind) => Table.Single(t => t.Kind == kind).CliName;

    /// <summary>The file name in a dataset folder.</summary>
    public static string FileName(ImportKind kind) => Table.Single(t => t.Kind == kind).FileName;

    /// <summary>True if <c>init</c> refuses a dataset folder without this file (the context layers are optional).</summary>
    public static bool RequiredInDataset(ImportKind kind) => Table.Single(t => t.Kind == kind).RequiredInDataset;

    /// <summary>Parses a command-line kind name.</summary>
    public static bool TryParse(string name, out ImportKind kind)
    {
        foreach (var t in Table)
        {
            if (t.CliName == name)
            {
                kind = t.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
