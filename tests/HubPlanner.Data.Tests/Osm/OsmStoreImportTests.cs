using HubPlanner.Core.Domain;
using HubPlanner.Data.Input;
using HubPlanner.Data.Osm;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Osm;

/// <summary>`import osm`: the extracted network replaces the stored one in one transaction, or nothing changes.</summary>
public sealed class OsmStoreImportTests
{
    [Fact]
    public void ReplaceRoadNetwork_WithTheExtractedFixture_StoresExactlyItsFourEdges()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        var sink = new ListRoadSink();
        OsmRoadExtractor.Extract(OsmRoadExtractorTests.WriteFixture(dir.Path), sink);

        store.ReplaceRoadNetwork(sink.Nodes, sink.Edges);

        var data = store.LoadBase();
        // Junction and end nodes 1, 3, 4, 5, 6 (node 2 is folded, the footway's 7 is not a road).
        Assert.Equal([1L, 3, 4, 5, 6], data.RoadNodes.Select(n => n.Id).Order());
        Assert.Equal(["1>3", "3>4", "3>5", "3>6"], data.Roads.Select(r => $"{r.FromNode}>{r.ToNode}").Order(StringComparer.Ordinal));
        Assert.Equal(1433.9, data.Roads.Single(r => r.FromNode == 1).LengthM, 0.1);
        Assert.Equal(20, data.Roads.Single(r => r.ToNode == 6).MaxWeightT);
    }

    [Fact]
    public void ReplaceRoadNetwork_WithAnEdgeToAMissingNode_IsRefused_AndTheOldNetworkStays()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        var before = store.LoadBase();
        var line = Core.Geo.GeoFactory.Wgs84.CreateLineString([new(30, 50), new(30.1, 50)]);
        RoadNode[] nodes = [new(1, null, 30, 50)];
        RoadEdge[] edges = [new(1, 1, 2, null, RoadClass.Primary, 7000, 80, false, null, line)];

        var ex = Assert.Throws<BadInputException>(() => store.ReplaceRoadNetwork(nodes, edges));

        Assert.Contains("node 2", ex.Message, StringComparison.Ordinal);
        var after = store.LoadBase();
        Assert.Equal(before.RoadNodes.Count, after.RoadNodes.Count);
        Assert.Equal(before.Roads.Count, after.Roads.Count);
    }
}
