using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.BadInput;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Import;

/// <summary>
/// The import cases of issue 15 that used to be stored with exit 0: each is refused with its file, place and
/// field, and the database is byte-for-byte the same afterwards. The seven-nodes border is the box
/// lon 24..32, lat 46..51 (with a ragged north edge), 1° of longitude at 49° N ≈ 73.1 km.
/// </summary>
public sealed class ImportRefusalTests : IDisposable
{
    private const string SitesHeader = "id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status";
    private const string EntryHeader = "id,name,kind,country,lon,lat";

    private readonly TempDir _dir = new();
    private readonly PlanningStore _store;
    private readonly Dictionary<string, string> _before;

    public ImportRefusalTests()
    {
        _store = Fixtures.LoadedStore(_dir);
        _before = DatabaseHash.PerTable(_store.Path);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Import_RefusesASiteInSpain_NamingLineAndPosition()
    {
        string path = _dir.Write("sites.csv", $"{SitesHeader}\nok,Inside,rail,25,49,1,1,1,candidate\nmadrid,Madrid,rail,-3.70,40.42,1,1,1,candidate\n");

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Equal((3, "lon/lat"), (error.Line, error.Field));
        Assert.Contains("at most 5 km", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_AcceptsASite3KmOutsideTheBorder_AndRefusesOne7KmOutside()
    {
        // West edge lon 24 at lat 49: 0.041° ≈ 3.0 km, 0.1° ≈ 7.3 km.
        string near = _dir.Write("near.csv", $"{SitesHeader}\nnear,Near,rail,23.959,49,1,1,1,candidate\n");
        Assert.Equal(1, DatasetImporter.ImportFile(_store, ImportKind.Sites, near).Records);

        string far = _dir.Write("far.csv", $"{SitesHeader}\nfar,Far,rail,23.9,49,1,1,1,candidate\n");
        var before = DatabaseHash.PerTable(_store.Path);
        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(_store, ImportKind.Sites, far));
        Assert.Contains("7.3 km outside", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseHash.PerTable(_store.Path));
    }

    [Fact]
    public void Import_RefusesAnEntryPointInChile_ButAcceptsOneAcrossTheBorderInPoland()
    {
        string path = _dir.Write("entry.csv", $"{EntryHeader}\nmedyka,Medyka,border_crossing,PL,22.95,49.80\nsantiago,Santiago,port,CL,-70.66,-33.45\n");

        var error = Assert.Single(Reject(ImportKind.EntryPoints, path));

        Assert.Equal((3, "lon/lat"), (error.Line, error.Field));
        Assert.Contains("at most 300 km", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RefusesCountryXX_AndUK_WhichAreNotIso3166Codes()
    {
        string path = _dir.Write("entry.csv", $"{EntryHeader}\na,A,border_crossing,XX,23.5,49.5\nb,B,border_crossing,UK,23.5,49.6\nc,C,border_crossing,SK,23.5,49.7\n");

        var errors = Reject(ImportKind.EntryPoints, path);

        Assert.Equal([(2, "country"), (3, "country")], errors.Select(e => (e.Line!.Value, e.Field!)));
        Assert.Contains("ISO 3166-1 alpha-2", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountryCodes_HoldsThe249AssignedCodes()
    {
        Assert.Equal(249, CountryCodes.All.Count);
        Assert.True(CountryCodes.IsAssigned("UA"));
        Assert.False(CountryCodes.IsAssigned("XK"));
    }

    [Fact]
    public void Import_RefusesAZonesFileAsTheBorder()
    {
        string zones = Path.Combine(Fixtures.SevenNodes, "zones.geojson");

        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(_store, ImportKind.Border, zones));

        Assert.Contains("exactly one Polygon or MultiPolygon feature", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(_before, DatabaseHash.PerTable(_store.Path));
    }

    [Fact]
    public void Import_RefusesAnEmptyBorderFile()
    {
        string path = _dir.Write("border.geojson", """{"type": "FeatureCollection", "features": []}""");

        var error = Assert.Single(Reject(ImportKind.Border, path));

        Assert.Contains("has no features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RefusesABorderHalfTheSizeOfTheStoredOne_UnlessThatAreaIsDeclared()
    {
        // Half the box in longitude: lon 24..28, lat 46..51.
        string path = _dir.Write("border.geojson", """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "half"},
              "geometry": {"type": "Polygon", "coordinates": [[[24, 46], [28, 46], [28, 51], [24, 51], [24, 46]]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Border, path));
        Assert.Equal((0, "geometry"), (error.FeatureIndex, error.Field));
        Assert.Contains("within ±5 %", error.Message, StringComparison.Ordinal);

        double declared = HubPlanner.Core.Geo.UkraineEqualArea.Instance.AreaKm2(
            GeoJsonFeaturesForTests.FirstGeometry(path));
        var outcome = DatasetImporter.ImportFile(_store, ImportKind.Border, path, null, new ImportOptions(ExpectedBorderAreaKm2: declared * 1.03));
        Assert.Equal(1, outcome.Records);
    }

    [Fact]
    public void Import_RefusesMovingARoadNode470KmFromTheEndsOfItsRoads()
    {
        // The case: node 3 (Vinnytsia, 28.47 49.23) moved 6.45° east, 6.45 × 72.9 km ≈ 470 km.
        string path = _dir.Write("road_nodes.csv", "id,name,lon,lat\n3,Vinnytsia,34.92,49.23\n");

        var error = Assert.Single(Reject(ImportKind.RoadNodes, path));

        Assert.Equal((2, "lon/lat"), (error.Line, error.Field));
        Assert.Contains("within 1 km of the ends", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_AcceptsNudgingARoadNodeByAFewMetres()
    {
        string original = File.ReadAllLines(Path.Combine(Fixtures.SevenNodes, "road_nodes.csv"))[1];
        string[] cells = original.Split(',');
        string path = _dir.Write("road_nodes.csv", $"id,name,lon,lat\n{cells[0]},{cells[1]},{cells[2]}1,{cells[3]}\n");

        Assert.Equal(1, DatasetImporter.ImportFile(_store, ImportKind.RoadNodes, path).Records);
    }

    [Fact]
    public void Import_RefusesInvalidUtf8_NamingLineAndByte()
    {
        byte[] head = System.Text.Encoding.UTF8.GetBytes($"{SitesHeader}\nok,Fine,rail,25,49,1,1,1,candidate\nbad,Bad");
        byte[] tail = System.Text.Encoding.UTF8.GetBytes(",rail,25,49,1,1,1,candidate\n");
        string path = _dir.File("sites.csv");
        File.WriteAllBytes(path, [.. head, 0xC3, 0x28, .. tail]);

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Contains("not valid UTF-8 at line 3, byte 8 of the line", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xC3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RefusesAOneMebibyteIdAndName_NamingTheLimits()
    {
        string longId = new('a', 1 << 20);
        string longName = new('N', 1 << 20);
        string path = _dir.Write("sites.csv", $"{SitesHeader}\n{longId},{longName},rail,25,49,1,1,1,candidate\n");

        var errors = Reject(ImportKind.Sites, path);

        Assert.Equal(["id", "name"], errors.Select(e => e.Field!));
        Assert.Contains("at most 64 characters", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("at most 256 characters", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RefusesAZoneEntirelyOutsideTheStudyArea()
    {
        string path = _dir.Write("zones.geojson", """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "iberia", "name": "Iberia", "kind": "airspace", "weight": 1},
              "geometry": {"type": "Polygon", "coordinates": [[[-9, 37], [3, 37], [3, 43], [-9, 43], [-9, 37]]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Zones, path));

        Assert.Equal((0, "geometry"), (error.FeatureIndex, error.Field));
        Assert.Contains("overlaps the study area", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDataset_ChecksPositionsAgainstTheBorderOfTheSameDataset()
    {
        string data = Fixtures.CopySevenNodes(_dir);
        File.AppendAllText(Path.Combine(data, "demand_points.csv"), "g-lisbon,Lisbon,-9.14,38.72,1,1\n");

        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ReadDataset(data));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("demand_points.csv", "lon/lat"), (Path.GetFileName(error.File), error.Field));
    }

    private List<InputError> Reject(ImportKind kind, string path)
    {
        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(_store, kind, path));
        Assert.Equal(_before, DatabaseHash.PerTable(_store.Path));
        Assert.All(e.Errors, x => Assert.Equal(path, x.File));
        return e.Errors.ToList();
    }
}

/// <summary>Reads the first geometry of a GeoJSON file with the production reader (for declaring an expected area).</summary>
internal static class GeoJsonFeaturesForTests
{
    public static NetTopologySuite.Geometries.Geometry FirstGeometry(string path)
        => GeoJsonFeatures.Read(path, new ErrorCollector(path), NetTopologySuite.Geometries.OgcGeometryType.Polygon)[0].Geometry!;
}
