using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Import;

/// <summary>
/// Each class of bad input is rejected with the file, the place (CSV line incl. header = line 1, or GeoJSON
/// feature index) and the field named, and the database keeps exactly the rows it had.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string SitesHeader = "id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status";

    private readonly TempDir _dir = new();
    private readonly PlanningStore _store;
    private readonly Dictionary<string, long> _countsBefore;

    public BadInputTests()
    {
        _store = Fixtures.LoadedStore(_dir);
        _countsBefore = Fixtures.CountAllTables(_store.Path);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Import_RejectsNonNumericLatitude_NamingFileLine7AndField_AndWritesNothing()
    {
        // Line 1 is the header; line 7 is the sixth data row.
        string path = _dir.Write("sites.csv", $"""
            {SitesHeader}
            s-one,One,rail,24.1,49.1,100,10,1,candidate
            s-two,Two,rail,24.2,49.2,100,10,1,candidate
            s-three,Three,rail,24.3,49.3,100,10,1,candidate
            s-four,Four,rail,24.4,49.4,100,10,1,candidate
            s-five,Five,rail,24.5,49.5,100,10,1,candidate
            s-six,Six,rail,24.6,abc,100,10,1,candidate
            s-seven,Seven,rail,24.7,49.7,100,10,1,candidate
            """);

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Equal(path, error.File);
        Assert.Equal(7, error.Line);
        Assert.Equal("lat", error.Field);
        Assert.Contains("between -90 and 90", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"abc\"", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{path}: line 7: field 'lat': {error.Message}", error.ToString());
    }

    [Fact]
    public void Import_RejectsOutOfRangeCoordinates()
    {
        string path = _dir.Write("sites.csv", $"""
            {SitesHeader}
            s-one,One,rail,200,49.1,100,10,1,candidate
            s-two,Two,rail,24.2,-91,100,10,1,candidate
            s-three,Three,rail,NaN,49,100,10,1,candidate
            """);

        var errors = Reject(ImportKind.Sites, path);

        Assert.Equal([(2, "lon"), (3, "lat"), (4, "lon")], errors.Select(e => (e.Line!.Value, e.Field!)));
    }

    [Fact]
    public void Import_CollectsSeveralErrorsPerFile_UpToTheCap()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"s-{i},S{i},rail,24,xx,100,10,1,candidate");
        string path = _dir.Write("sites.csv", SitesHeader + "\n" + string.Join("\n", lines) + "\n");

        var errors = Reject(ImportKind.Sites, path);

        Assert.Equal(ErrorCollector.DefaultCap + 1, errors.Count); // 20 shown + "10 further problems not shown"
        Assert.Equal(Enumerable.Range(2, 20), errors.Take(20).Select(e => e.Line!.Value));
        Assert.Contains("10 further problems", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ReportsEveryBadFieldOfARow()
    {
        string path = _dir.Write("sites.csv", $"""
            {SitesHeader}
            Bad Id,One,castle,24.1,49.1,-5,10,1,maybe
            """);

        var errors = Reject(ImportKind.Sites, path);

        Assert.Equal(["id", "kind", "storage_capacity_t", "status"], errors.Select(e => e.Field));
        Assert.Contains("one of airfield, rail, port, depot, city, other", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsInventoryOfAnUnknownEquipmentType()
    {
        string path = _dir.Write("inventory.csv", """
            holder_id,equipment_type_id,quantity
            krakovets,sam-medium,5
            krakovets,death-ray,1
            atlantis,fuel-module,2
            """);

        var errors = Reject(ImportKind.Inventory, path);

        Assert.Equal([(3, "equipment_type_id"), (4, "holder_id")], errors.Select(e => (e.Line!.Value, e.Field!)));
        Assert.Contains("unknown id \"death-ray\"", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsARoadEdgeToAMissingNode_ByFeatureIndex()
    {
        string path = _dir.Write("roads.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":20,"from":1,"to":2,"class":"primary","speed_kmh":80,"oneway":false,"max_weight_t":null},
              "geometry":{"type":"LineString","coordinates":[[23.16,49.95],[24.03,49.84]]}},
             {"type":"Feature","properties":{"id":21,"from":2,"to":999,"class":"primary","speed_kmh":80,"oneway":false,"max_weight_t":null},
              "geometry":{"type":"LineString","coordinates":[[24.03,49.84],[25,49]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Roads, path));

        Assert.Equal(1, error.FeatureIndex);
        Assert.Null(error.Line);
        Assert.Equal("to", error.Field);
        Assert.Contains("unknown node 999", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{path}: feature 1: field 'to': {error.Message}", error.ToString());
    }

    [Fact]
    public void Import_RejectsARoadWhoseEndIsFarFromItsNode()
    {
        // Node 2 (Lviv) is at 24.03, 49.84; the last vertex 24.03, 49.85 is 1.1 km north of it.
        string path = _dir.Write("roads.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":20,"from":1,"to":2,"class":"primary","speed_kmh":80,"oneway":false},
              "geometry":{"type":"LineString","coordinates":[[23.16,49.95],[24.03,49.85]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Roads, path));

        Assert.Equal("to", error.Field);
        Assert.Contains("within 200 m of node 2, found it 1112 m away", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsNonNumericGeoJsonCoordinates_ByFeatureIndex()
    {
        string path = _dir.Write("roads.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":20,"from":1,"to":2,"class":"primary","speed_kmh":80,"oneway":false},
              "geometry":{"type":"LineString","coordinates":[[23.16,49.95],[24.03,49.84]]}},
             {"type":"Feature","properties":{"id":21,"from":1,"to":2,"class":"primary","speed_kmh":80,"oneway":false},
              "geometry":{"type":"LineString","coordinates":[[23.16,"north"],[24.03,49.84]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Roads, path));

        Assert.Equal((1, "geometry"), (error.FeatureIndex!.Value, error.Field!));
        Assert.Contains("numeric [lon, lat]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsDuplicateIds_NamingTheFirstOccurrence()
    {
        string path = _dir.Write("sites.csv", $"""
            {SitesHeader}
            s-one,One,rail,24.1,49.1,100,10,1,candidate
            s-two,Two,rail,24.2,49.2,100,10,1,candidate
            s-one,Again,rail,24.3,49.3,100,10,1,candidate
            """);

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Equal((4, "id"), (error.Line!.Value, error.Field!));
        Assert.Contains("duplicate id \"s-one\", first seen on line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsASelfIntersectingPolygon()
    {
        // A bow tie: the edges (0,0)-(2,2) and (2,0)-(0,2) cross at (1,1).
        string path = _dir.Write("zones.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"ok","name":"Square","kind":"airspace","weight":1},
              "geometry":{"type":"Polygon","coordinates":[[[30,48],[31,48],[31,49],[30,49],[30,48]]]}},
             {"type":"Feature","properties":{"id":"bow-tie","name":"Bow tie","kind":"priority","weight":1},
              "geometry":{"type":"Polygon","coordinates":[[[30,48],[32,50],[32,48],[30,50],[30,48]]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Zones, path));

        Assert.Equal((1, "geometry"), (error.FeatureIndex!.Value, error.Field!));
        Assert.Contains("Self-intersection", error.Message, StringComparison.Ordinal);
        Assert.Contains("[31, 49]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsAPolygonWithTooFewPoints()
    {
        string path = _dir.Write("zones.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"flat","name":"Flat","kind":"airspace","weight":1},
              "geometry":{"type":"Polygon","coordinates":[[[30,48],[31,48],[30,48]]]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Zones, path));

        Assert.Equal((0, "geometry"), (error.FeatureIndex!.Value, error.Field!));
    }

    [Fact]
    public void Import_RejectsWrongGeometryType()
    {
        string path = _dir.Write("zones.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"pt","name":"Point","kind":"airspace","weight":1},
              "geometry":{"type":"Point","coordinates":[30,48]}}]}
            """);

        var error = Assert.Single(Reject(ImportKind.Zones, path));

        Assert.Contains("expected a Polygon or MultiPolygon geometry, found a Point", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Import_RejectsAnEmptyCsvFile(string content)
    {
        string path = _dir.Write("sites.csv", content);

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Null(error.Line);
        Assert.Contains("is empty; expected a header row 'id,name,kind,lon,lat,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsAHeaderOnlyCsvFile()
    {
        string path = _dir.Write("sites.csv", SitesHeader + "\n");

        Assert.Contains("no data rows", Assert.Single(Reject(ImportKind.Sites, path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsAnEmptyGeoJsonFile()
    {
        string path = _dir.Write("zones.geojson", "");

        Assert.Contains("is empty", Assert.Single(Reject(ImportKind.Zones, path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsAWrongHeader_NamingMissingAndUnexpectedColumns()
    {
        string path = _dir.Write("sites.csv", """
            id,name,kind,longitude,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status
            s-one,One,rail,24.1,49.1,100,10,1,candidate
            """);

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Equal(1, error.Line);
        Assert.Contains("missing column 'lon'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected column 'longitude'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RejectsARowWithTheWrongNumberOfCells()
    {
        string path = _dir.Write("sites.csv", $"""
            {SitesHeader}
            s-one,One,rail,24.1,49.1,100,10,1
            """);

        var error = Assert.Single(Reject(ImportKind.Sites, path));

        Assert.Equal(2, error.Line);
        Assert.Contains("expected 9 comma-separated cells as in the header, found 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_CountsPhysicalLines_WhenAQuotedCellSpansLines()
    {
        // Record 1 spans lines 2-3; the bad latitude is on the record starting at line 4.
        string path = _dir.Write("sites.csv", $"""
            {SitesHeader}
            s-one,"Two-line
            name",rail,24.1,49.1,100,10,1,candidate
            s-two,Two,rail,24.2,oops,100,10,1,candidate
            """);

        Assert.Equal(4, Assert.Single(Reject(ImportKind.Sites, path)).Line);
    }

    [Fact]
    public void Import_IntoAStore_RejectsAFileThatDoesNotExist()
    {
        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(_store, ImportKind.Sites, _dir.File("nope.csv")));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDataset_ReportsProblemsInSeveralFilesAtOnce_AndAMissingFolderFile()
    {
        string data = Fixtures.CopySevenNodes(_dir);
        File.WriteAllText(Path.Combine(data, "places.csv"), "id,name,oblast,lon,lat,population,oblast_centre\nkyiv,Kyiv,Kyiv,30.5,50.4,many,true\n");
        File.WriteAllText(Path.Combine(data, "fleet.csv"), "entry_point_id,vehicle_type_id,count\nkrakovets,tank-transporter,3\n");

        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ReadDataset(data));

        Assert.Equal([("places.csv", "population"), ("fleet.csv", "vehicle_type_id")],
            e.Errors.Select(x => (Path.GetFileName(x.File), x.Field!)));

        File.Delete(Path.Combine(data, "roads.geojson"));
        var missing = Assert.Throws<BadInputException>(() => DatasetImporter.ReadDataset(data));
        Assert.Contains("roads.geojson", Assert.Single(missing.Errors).File, StringComparison.Ordinal);
    }

    private List<InputError> Reject(ImportKind kind, string path)
    {
        var e = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(_store, kind, path));
        Assert.Equal(_countsBefore, Fixtures.CountAllTables(_store.Path));
        Assert.NotEmpty(e.Errors);
        return e.Errors.ToList();
    }
}
