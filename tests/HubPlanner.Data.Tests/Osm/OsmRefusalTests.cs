using HubPlanner.Data.Input;
using HubPlanner.Data.Osm;
using HubPlanner.Data.Tests.Support;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace HubPlanner.Data.Tests.Osm;

/// <summary>
/// The OSM cases of issue 15 that used to replace the road network with exit 0: a file without highways, a NaN
/// bounding box, coordinates out of range (formerly clamped to lon 214.7), ways with missing nodes, and a
/// replacement network that is empty or under half the stored one.
/// </summary>
public sealed class OsmRefusalTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Extract_RefusesAFileWithNoHighways()
    {
        string path = Write("paths.osm.pbf", [(1, 30, 50), (2, 30.01, 50)], [(10, [1, 2], "footway")]);

        var e = Assert.Throws<OsmImportException>(() => OsmRoadExtractor.Extract(path, new ListRoadSink()));

        Assert.Contains("no highway ways", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN,1,2,3")]
    [InlineData("1,NaN,2,3")]
    [InlineData("-Infinity,1,2,3")]
    [InlineData("1,2,3,Infinity")]
    public void BoundingBox_RefusesNonFiniteSides(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => OsmBoundingBox.Parse(text));
        Assert.Contains("four finite numbers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_RefusesANodeWithLongitude300_InsteadOfClampingIt()
    {
        string path = Write("far.osm.pbf", [(1, 30, 50), (2, 30.01, 50), (3, 300, 95)], [(10, [1, 2, 3], "primary")]);

        var e = Assert.Throws<OsmImportException>(() => OsmRoadExtractor.Extract(path, new ListRoadSink()));

        Assert.Contains("node 3 at [", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside lon -180..180", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_RefusesWhenMoreThanOnePercentOfWaysMissNodes_NamingThem()
    {
        // Way 11 references node 99, which is not in the file: 1 of 2 ways = 50 %.
        string path = Write("holes.osm.pbf", [(1, 30, 50), (2, 30.01, 50), (3, 30.02, 50)], [(10, [1, 2], "primary"), (11, [2, 99, 3], "primary")]);

        var e = Assert.Throws<OsmImportException>(() => OsmRoadExtractor.Extract(path, new ListRoadSink()));

        Assert.Contains("1 of 2 highway ways", e.Message, StringComparison.Ordinal);
        Assert.Contains("way 11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_CountsWaysWithMissingNodes_WhenUnderTheThreshold()
    {
        string path = Write("holes.osm.pbf", [(1, 30, 50), (2, 30.01, 50), (3, 30.02, 50)], [(10, [1, 2], "primary"), (11, [2, 99, 3], "primary")]);

        var summary = OsmRoadExtractor.Extract(path, new ListRoadSink(), new OsmImportOptions(MaxWaysWithMissingNodes: 0.6));

        Assert.Equal(1, summary.WaysWithMissingNodes);
        Assert.Equal([11L], summary.FirstWaysWithMissingNodes!);
    }

    [Fact]
    public void Extract_DoesNotCountNodesCutByTheBoundingBoxAsMissing()
    {
        string path = Write("box.osm.pbf", [(1, 30, 50), (2, 30.01, 50), (3, 31, 50)], [(10, [1, 2, 3], "primary")]);

        var summary = OsmRoadExtractor.Extract(path, new ListRoadSink(), new OsmImportOptions(OsmBoundingBox.Parse("29.9,49.9,30.5,50.1")));

        Assert.Equal((0L, 1L), (summary.WaysWithMissingNodes, summary.RoadEdges));
    }

    [Fact]
    public void Extract_RefusesABoundingBoxThatHoldsNoRoad()
    {
        string path = OsmRoadExtractorTests.WriteFixture(_dir.Path);

        var e = Assert.Throws<OsmImportException>(() =>
            OsmRoadExtractor.Extract(path, new ListRoadSink(), new OsmImportOptions(OsmBoundingBox.Parse("1,1,2,2"))));

        Assert.Contains("no road edge lies inside the bounding box", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 0, true)]
    [InlineData(100, 0, false)]
    [InlineData(100, 49, false)]
    public void Shrink_RefusesAnEmptyNetwork_AndUnderHalfWithoutPermission(long current, long next, bool allow)
    {
        var e = Assert.Throws<BadInputException>(() => RoadNetworkShrink.Check("x.pbf", current, next, allow));
        Assert.StartsWith("x.pbf: the new road network has", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 50, false)]
    [InlineData(100, 10, true)]
    [InlineData(0, 7, false)]
    public void Shrink_AcceptsHalfOrMore_OrAnySizeWithPermission(long current, long next, bool allow)
        => RoadNetworkShrink.Check("x.pbf", current, next, allow);

    [Fact]
    public void Shrink_CountsTheStoredRoadNodes()
    {
        var store = Fixtures.LoadedStore(_dir);
        int expected = File.ReadAllLines(Path.Combine(Fixtures.SevenNodes, "road_nodes.csv")).Length - 1;
        Assert.Equal(expected, RoadNetworkShrink.CurrentNodes(store));
    }

    private string Write(string name, (long Id, double Lon, double Lat)[] nodes, (long Id, long[] Nodes, string Highway)[] ways)
    {
        string path = _dir.File(name);
        var stamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var stream = File.Create(path);
        var target = new PBFOsmStreamTarget(stream);
        target.Initialize();
        foreach (var (id, lon, lat) in nodes)
        {
            target.AddNode(new Node { Id = id, Longitude = lon, Latitude = lat, Version = 1, TimeStamp = stamp, ChangeSetId = 1, UserId = 1, UserName = "t", Visible = true, Tags = new TagsCollection() });
        }

        foreach (var (id, refs, highway) in ways)
        {
            target.AddWay(new Way { Id = id, Nodes = refs, Tags = new TagsCollection(new Tag("highway", highway)), Version = 1, TimeStamp = stamp, ChangeSetId = 1, UserId = 1, UserName = "t", Visible = true });
        }

        target.Flush();
        target.Close();
        return path;
    }
}
