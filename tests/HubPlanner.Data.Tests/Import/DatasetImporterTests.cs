using HubPlanner.Core.Domain;
using HubPlanner.Data.Import;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Tests.Import;

public class DatasetImporterTests
{
    [Fact]
    public void LoadDataset_WritesEveryFileOfTheSevenNodesDataset()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);

        var counts = Fixtures.CountAllTables(store.Path);

        // Expected counts: Fixtures/seven-nodes/README.md
        var expected = new Dictionary<string, long>
        {
            ["places"] = 3, ["sites"] = 4, ["entry_points"] = 2, ["equipment_types"] = 3, ["inventory"] = 4, ["vehicle_types"] = 1,
            ["fleet"] = 2, ["demand_points"] = 3, ["road_nodes"] = 7, ["roads"] = 4, ["zones"] = 2, ["border"] = 1, ["coast"] = 1,
            ["neighbours"] = 1, ["scenarios"] = 1, ["dataset_loads"] = 1,
        };
        foreach (var (table, rows) in expected)
        {
            Assert.True(counts[table] == rows, $"{table}: expected {rows}, found {counts[table]}");
        }
    }

    [Fact]
    public void LoadDataset_Twice_ChangesNothing()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        var before = Fixtures.CountAllTables(store.Path);
        var dataBefore = store.LoadBase();

        var second = DatasetImporter.LoadDataset(store, DatasetImporter.ReadDataset(Fixtures.SevenNodes));

        Assert.False(second.Changed);
        Assert.Equal(before, Fixtures.CountAllTables(store.Path));
        Assert.Equal(dataBefore.Sites, store.LoadBase().Sites);
    }

    [Fact]
    public void LoadDataset_OfAChangedFolder_ReplacesTheBaseDataAndKeepsScenarios()
    {
        using var dir = new TempDir();
        string data = Fixtures.CopySevenNodes(dir);
        var store = PlanningStore.Open(dir.File("p.gpkg"));
        DatasetImporter.LoadDataset(store, DatasetImporter.ReadDataset(data));
        store.CreateScenario("what-if");
        File.WriteAllText(Path.Combine(data, "demand_points.csv"), "id,name,lon,lat,weight,demand_t\ng-odesa,Odesa garrison,30.7,46.5,5,80\n");

        var outcome = DatasetImporter.LoadDataset(store, DatasetImporter.ReadDataset(data));

        Assert.True(outcome.Changed);
        Assert.Equal(["g-odesa"], store.LoadBase().DemandPoints.Select(d => d.Id));
        Assert.Equal(["base", "what-if"], store.ListScenarios().Select(s => s.Name));
    }

    [Fact]
    public void LoadBase_ReturnsTheDomainRecordsAsWritten()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);

        var data = store.LoadBase();

        Assert.Equal(new Site("kyiv-depot", "Kyiv depot, Darnytsia", SiteKind.Depot, 30.45, 50.40, 8000, 1200, 2000, SiteStatus.Candidate),
            data.Sites.Single(s => s.Id == "kyiv-depot"));
        Assert.Equal(new EntryPoint("krakovets", "Krakovets", EntryKind.BorderCrossing, "PL", 23.16, 49.95), data.EntryPoints[1]);
        Assert.Equal(new InventoryItem("izmail", "fuel-module", 10), data.Inventory[0]);
        Assert.Equal(new FleetAssignment("krakovets", "heavy-truck", 12), data.Fleet[1]);
        Assert.Equal(new RoadNode(7, "Rivne", 26.25, 50.62), data.RoadNodes[^1]);
        Assert.Equal(new Place("kyiv", "Kyiv", "Kyiv City", 30.5234, 50.4501, 2952301, true), data.Places[0]);
        Assert.Equal(new VehicleType("heavy-truck", "Heavy truck", 20, 80, 40, 0.85, 300, 2.1, 10), Assert.Single(data.VehicleTypes));

        var road = data.Roads.Single(r => r.Id == 11);
        Assert.Equal((2L, 3L, "M12", RoadClass.Primary, 80.0, false, (double?)40), (road.FromNode, road.ToNode, road.RoadNumber, road.Class, road.SpeedKmh, road.OneWay, road.MaxWeightT));
        Assert.Equal(3, road.Geometry.NumPoints);
        Assert.Equal(4326, road.Geometry.SRID);
        Assert.True(data.Roads.Single(r => r.Id == 13).OneWay);
        Assert.Null(data.Roads.Single(r => r.Id == 13).RoadNumber);

        var coast = data.Zones.Single(z => z.Id == "coast-odesa");
        Assert.Equal((ZoneKind.Coastal, 2.0), (coast.Kind, coast.Weight));
        Assert.IsType<MultiPolygon>(data.Zones.Single(z => z.Id == "air-west").Geometry); // stored as MULTIPOLYGON
        Assert.Equal(["coast-odesa"], data.IllustrativeZoneIds);
        Assert.Equal("PL", Assert.Single(data.Neighbours).Code);
    }

    [Fact]
    public void RoadLength_IsTheGeodesicLengthOfThePolyline()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);

        var road = store.LoadBase().Roads.Single(r => r.Id == 10);

        // Oracle: the haversine length on the mean sphere agrees with the ellipsoid to ~0.5 % at this latitude.
        double sphere = Haversine(23.16, 49.95, 23.6, 49.9) + Haversine(23.6, 49.9, 24.03, 49.84);
        Assert.InRange(road.LengthM / sphere, 0.995, 1.005);
        Assert.InRange(road.LengthM, 60_000, 70_000); // ~64 km from Krakovets to Lviv as the crow flies
    }

    [Fact]
    public void ImportFile_UpsertsById_ReplacingNamedRowsAndKeepingOthers()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        string path = dir.Write("sites.csv", """
            id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status
            lviv-rail,Lviv rail yard (extended),rail,24.02,49.83,7000,800,1200,existing
            odesa-port,Odesa port,port,30.74,46.49,9000,1500,2500,candidate
            """);

        var outcome = DatasetImporter.ImportFile(store, ImportKind.Sites, path);

        var sites = store.LoadBase().Sites;
        Assert.Equal(2, outcome.Records);
        Assert.Equal(5, sites.Count);
        var lviv = sites.Single(s => s.Id == "lviv-rail");
        Assert.Equal((7000.0, SiteStatus.Existing), (lviv.StorageCapacityT, lviv.Status));
    }

    [Fact]
    public void ImportFile_OfRoads_MayReferenceNodesAlreadyInTheStore()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        string path = dir.Write("roads.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":30,"from":7,"to":2,"ref":"M06","class":"motorway","speed_kmh":110,"oneway":false,"max_weight_t":null},
              "geometry":{"type":"LineString","coordinates":[[26.25,50.62],[24.03,49.84]]}}]}
            """);

        DatasetImporter.ImportFile(store, ImportKind.Roads, path);

        Assert.Equal(5, store.LoadBase().Roads.Count);
    }

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        const double r = 6371008.8;
        double d = Math.PI / 180;
        double h = Math.Pow(Math.Sin((lat2 - lat1) * d / 2), 2) + Math.Cos(lat1 * d) * Math.Cos(lat2 * d) * Math.Pow(Math.Sin((lon2 - lon1) * d / 2), 2);
        return 2 * r * Math.Asin(Math.Sqrt(h));
    }
}
