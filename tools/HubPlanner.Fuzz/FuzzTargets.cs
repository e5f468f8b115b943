using HubPlanner.Core.Geo;
using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Osm;

namespace HubPlanner.Fuzz;

/// <summary>
/// The three fuzz targets. Each reads one input file the way an import does; a reader may refuse the input
/// (errors collected, or <see cref="OsmImportException"/> for PBF), but any other exception is a finding.
/// The first byte of a CSV or GeoJSON input chooses the import kind, so one target covers every reader of
/// its format.
/// </summary>
internal static class FuzzTargets
{
    private static readonly ImportKind[] CsvKinds =
    [
        ImportKind.Places, ImportKind.Sites, ImportKind.EntryPoints, ImportKind.Equipment, ImportKind.Inventory,
        ImportKind.Vehicles, ImportKind.Fleet, ImportKind.Demand, ImportKind.RoadNodes,
    ];

    private static readonly ImportKind[] GeoJsonKinds =
        [ImportKind.Roads, ImportKind.Zones, ImportKind.Border, ImportKind.Coast, ImportKind.Neighbours];

    /// <summary>The target named on the command line, or null.</summary>
    public static Action<byte[], string>? Named(string name) => name switch
    {
        "csv" => (data, path) => ReadDataset(CsvKinds, data, path),
        "geojson" => (data, path) => ReadDataset(GeoJsonKinds, data, path),
        "pbf" => Pbf,
        _ => null,
    };

    /// <summary>The kinds a CSV or GeoJSON input's first byte selects from.</summary>
    public static IReadOnlyList<ImportKind> KindsOf(string target) => target == "csv" ? CsvKinds : GeoJsonKinds;

    private static void ReadDataset(ImportKind[] kinds, byte[] data, string path)
    {
        if (data.Length == 0)
        {
            return;
        }

        var kind = kinds[data[0] % kinds.Length];
        File.WriteAllBytes(path, data.AsSpan(1).ToArray());
        DatasetFileReader.Read(kind, path, new ErrorCollector(path), Known());
    }

    private static void Pbf(byte[] data, string path)
    {
        File.WriteAllBytes(path, data);
        try
        {
            OsmRoadExtractor.Extract(path, new ListRoadSink());
        }
        catch (OsmImportException)
        {
            // a refused file: the expected outcome for most inputs
        }
    }

    /// <summary>A context like a loaded database: a few ids, road nodes with roads, and a study area (lon 24..32, lat 46..51).</summary>
    private static KnownIds Known()
    {
        var known = new KnownIds();
        known.Sites.Add("lviv-rail");
        known.EntryPoints.Add("krakovets");
        known.EquipmentTypes.Add("sam-medium");
        known.VehicleTypes.Add("heavy-truck");
        known.RoadNodes[1] = (23.16, 49.95);
        known.RoadNodes[2] = (24.03, 49.84);
        known.RoadEnds[2] = [(24.03, 49.84)];
        known.StudyArea = StudyArea.Of([GeoFactory.Wgs84.ToGeometry(new NetTopologySuite.Geometries.Envelope(24, 32, 46, 51))]);
        return known;
    }
}
