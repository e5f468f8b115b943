using HubPlanner.Core.Domain;
using HubPlanner.Data.Osm;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace HubPlanner.Data.Tests.Osm;

public sealed class OsmRoadExtractorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hp-osm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The fixture, written by the test with OsmSharp:
    /// <code>
    ///                  5 (30.02, 50.01)
    ///                  ^ w101 secondary, oneway=yes, maxspeed "50 mph"
    ///  1 ——— 2 ——————— 3 ——————— 4 —— w103 footway —— 7   w100 primary 1-2-3-4, ref M06, maxspeed 90
    ///                  ^ w102 tertiary 6→3 tagged oneway=-1 (so driven 3→6), maxweight "20 t", maxspeed UA:urban
    ///                  6 (30.02, 49.99)
    /// </code>
    /// Nodes 1..4 lie on 50° N, 0.01° of longitude apart: the parallel arc N(50°)·cos 50°·0.01° = 716.96 m each.
    /// 0.01° of latitude north of 50° N is the meridian arc 1112.28 m; south of it 1112.26 m.
    /// Expected edges, in way order: 1→3 (via 2, folded: 1433.9 m), 3→4 (716.96 m), 3→5 (one-way, 1112.28 m),
    /// 3→6 (one-way reversed, 1112.26 m, 20 t, 50 km/h). Node 2 (degree 2) and the footway's node 7 are not nodes.
    /// </summary>
    private string WriteFixture()
    {
        string path = Path.Combine(_dir, "fixture.osm.pbf");
        using (var stream = File.Create(path))
        {
            var target = new PBFOsmStreamTarget(stream);
            target.Initialize();
            (long Id, double Lon, double Lat)[] nodes =
                [(1, 30.00, 50.00), (2, 30.01, 50.00), (3, 30.02, 50.00), (4, 30.03, 50.00), (5, 30.02, 50.01), (6, 30.02, 49.99), (7, 30.05, 50.05)];
            foreach (var (id, lon, lat) in nodes)
            {
                target.AddNode(new Node { Id = id, Longitude = lon, Latitude = lat, Version = 1, TimeStamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), ChangeSetId = 1, UserId = 1, UserName = "t", Visible = true, Tags = new TagsCollection() });
            }

            target.AddWay(Way(100, [1, 2, 3, 4], new Tag("highway", "primary"), new Tag("ref", "M06"), new Tag("maxspeed", "90")));
            target.AddWay(Way(101, [3, 5], new Tag("highway", "secondary"), new Tag("oneway", "yes"), new Tag("maxspeed", "50 mph")));
            target.AddWay(Way(102, [6, 3], new Tag("highway", "tertiary"), new Tag("oneway", "-1"), new Tag("maxweight", "20 t"), new Tag("maxspeed", "UA:urban")));
            target.AddWay(Way(103, [4, 7], new Tag("highway", "footway")));
            target.Flush();
            target.Close();
        }

        return path;
    }

    private static Way Way(long id, long[] nodes, params Tag[] tags) => new()
    {
        Id = id, Nodes = nodes, Tags = new TagsCollection(tags), Version = 1, TimeStamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), ChangeSetId = 1, UserId = 1, UserName = "t", Visible = true,
    };

    [Fact]
    public void Extract_CutsWaysAtJunctions_AndReadsOnewayMaxspeedMaxweightAndRef()
    {
        var sink = new ListRoadSink();

        var summary = OsmRoadExtractor.Extract(WriteFixture(), sink);

        Assert.Equal([1L, 3, 4, 5, 6], sink.Nodes.Select(n => n.Id).Order());
        Assert.Equal(4, sink.Edges.Count);
        var e = sink.Edges;
        Assert.Equal((1L, 3L, "M06", RoadClass.Primary, 90.0, false, (double?)null), (e[0].FromNode, e[0].ToNode, e[0].RoadNumber, e[0].Class, e[0].SpeedKmh, e[0].OneWay, e[0].MaxWeightT));
        Assert.Equal(3, e[0].Geometry.NumPoints); // node 2 folded into the geometry
        Assert.Equal(1433.9, e[0].LengthM, 1);
        Assert.Equal((3L, 4L, "M06", false), (e[1].FromNode, e[1].ToNode, e[1].RoadNumber, e[1].OneWay));
        Assert.Equal(716.96, e[1].LengthM, 1);
        Assert.Equal((3L, 5L, (string?)null, RoadClass.Secondary, true), (e[2].FromNode, e[2].ToNode, e[2].RoadNumber, e[2].Class, e[2].OneWay));
        Assert.Equal(80.4672, e[2].SpeedKmh, 4);
        Assert.Equal(1112.28, e[2].LengthM, 1);
        Assert.Equal((3L, 6L, RoadClass.Tertiary, true, (double?)20, 50.0), (e[3].FromNode, e[3].ToNode, e[3].Class, e[3].OneWay, e[3].MaxWeightT, e[3].SpeedKmh));
        Assert.Equal(1112.26, e[3].LengthM, 1);
        // PBF keeps 1e-7° steps; OsmSharp's writer truncates, so compare within that step.
        Assert.Equal(30.02, e[3].Geometry.StartPoint.X, 6);
        Assert.Equal(50.0, e[3].Geometry.StartPoint.Y, 6);
        Assert.Equal(49.99, e[3].Geometry.EndPoint.Y, 6);
        Assert.Equal(3, summary.HighwayWays);
        Assert.Equal(0, summary.MissingNodes);
    }

    [Fact]
    public void Extract_EmitsEveryNodeBeforeTheFirstEdgeThatUsesIt()
    {
        var order = new List<string>();
        var sink = new RecordingSink(order);

        OsmRoadExtractor.Extract(WriteFixture(), sink);

        var seen = new HashSet<long>();
        foreach (string item in order)
        {
            var parts = item.Split(' ');
            if (parts[0] == "node")
            {
                seen.Add(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Contains(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), seen);
                Assert.Contains(long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), seen);
            }
        }
    }

    [Fact]
    public void Extract_WithABoundingBox_CutsWaysAtItsEdge()
    {
        // West of 30.025 only: node 4 (30.03) is outside, so edge 3→4 disappears and 3 stays a junction.
        var sink = new ListRoadSink();

        var summary = OsmRoadExtractor.Extract(WriteFixture(), sink, new OsmImportOptions(OsmBoundingBox.Parse("29.9,49.9,30.025,50.1")));

        Assert.Equal([(1L, 3L), (3L, 5L), (3L, 6L)], sink.Edges.Select(x => (x.FromNode, x.ToNode)));
        Assert.Equal(1, summary.MissingNodes);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Extract_OfATruncatedFile_ThrowsAClearErrorAndEmitsNothing(double keep)
    {
        string full = WriteFixture();
        var bytes = File.ReadAllBytes(full);
        string cut = Path.Combine(_dir, "cut.osm.pbf");
        File.WriteAllBytes(cut, bytes[..(int)(bytes.Length * keep)]);
        var sink = new ListRoadSink();

        var ex = Assert.Throws<OsmImportException>(() => OsmRoadExtractor.Extract(cut, sink));

        Assert.Equal(cut, ex.File);
        Assert.Contains("cut.osm.pbf", ex.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Nodes);
        Assert.Empty(sink.Edges);
    }

    [Fact]
    public void Extract_OfAFileThatIsNotPbf_ThrowsAClearError()
    {
        string path = Path.Combine(_dir, "roads.csv");
        File.WriteAllText(path, "id,name,lon,lat\n1,a,30,50\n");
        var sink = new ListRoadSink();

        var ex = Assert.Throws<OsmImportException>(() => OsmRoadExtractor.Extract(path, sink));

        Assert.Contains("roads.csv", ex.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Edges);
    }

    [Theory]
    [InlineData("90", 90.0)]
    [InlineData("50 mph", 80.4672)]
    [InlineData("UA:urban", 50.0)]
    [InlineData("UA:rural", 90.0)]
    [InlineData("60;40", 60.0)]
    [InlineData("none", null)]
    public void ParseMaxSpeed_ReadsNumbersUnitsAndCountryDefaults(string text, double? expected)
    {
        var actual = OsmTagParsing.ParseMaxSpeedKmh(text);

        Assert.Equal(expected is null, actual is null);
        if (expected is not null)
        {
            Assert.Equal(expected.Value, actual!.Value, 4);
        }
    }

    [Theory]
    [InlineData("20", 20.0)]
    [InlineData("3.5 t", 3.5)]
    [InlineData("15000 kg", 15.0)]
    [InlineData("10 st", 9.0718474)]
    [InlineData("none", null)]
    public void ParseMaxWeight_ReadsTonnesAndOtherUnits(string text, double? expected)
    {
        var actual = OsmTagParsing.ParseMaxWeightT(text);

        Assert.Equal(expected is null, actual is null);
        if (expected is not null)
        {
            Assert.Equal(expected.Value, actual!.Value, 6);
        }
    }

    private sealed class RecordingSink(List<string> order) : IRoadSink
    {
        public void AddNode(RoadNode node) => order.Add($"node {node.Id}");

        public void AddEdge(RoadEdge edge) => order.Add($"edge {edge.FromNode} {edge.ToNode}");
    }
}
