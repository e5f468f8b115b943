namespace HubPlanner.DataPrep.Tests;

public class RoadBuilderTests
{
    // Three places on a line of latitude 50 N and one site 0.1 deg north of "b":
    //   a (30.0) ---- b (30.5) ---- c (31.0)
    //                  site (30.5, 50.1)
    private static readonly CsvTable Places = Table("places.csv",
        "id,name,oblast,lon,lat,population,oblast_centre",
        "a,A,X,30.0,50.0,1000,false", "b,B,X,30.5,50.0,1000,false", "c,C,X,31.0,50.0,1000,false");

    private static readonly CsvTable Entries = Table("entry_points.csv", "id,name,kind,country,lon,lat",
        "pl-x,Crossing X,border_crossing,PL,29.9,50.0");

    private static readonly CsvTable Sites = Table("sites.csv",
        "id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status",
        "depot-b,Depot B,depot,30.5,50.1,1,1,1,candidate");

    [Fact]
    public void Expand_SplitsARoadIntoOneSegmentPerConsecutiveNodePairKeepingBends()
    {
        var spec = RoadBuilder.Expand(["road M99 trunk: a @30.25,50.05 b c"], Places, Entries, Sites);

        var road = spec.Segments.Where(s => s.Ref == "M99").ToList();
        Assert.Equal(2, road.Count);
        Assert.Equal([(30.0, 50.0), (30.25, 50.05), (30.5, 50.0)], road[0].Vertices);
        Assert.Equal([(30.5, 50.0), (31.0, 50.0)], road[1].Vertices);
        Assert.All(road, s => Assert.Equal(90, s.SpeedKmh));
    }

    [Fact]
    public void Expand_SkipsASecondRoadOverAnAlreadyJoinedPairAndSaysSo()
    {
        var spec = RoadBuilder.Expand(["road M1 trunk: a b", "road H1 primary: b a"], Places, Entries, Sites);

        Assert.Single(spec.Segments, s => s.Ref is not null);
        Assert.Equal("M1", spec.Segments[0].Ref);
        Assert.Contains(spec.Notes, n => n.Contains("already joined", StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_AppliesAWeightLimitInEitherDirection()
    {
        var spec = RoadBuilder.Expand(["road M1 trunk: a b c", "limit c b 40 weak bridge"], Places, Entries, Sites);

        Assert.Null(spec.Segments[0].MaxWeightT);
        Assert.Equal(40, spec.Segments[1].MaxWeightT);
    }

    [Fact]
    public void Expand_LinksEverySiteAndEntryPointOffTheNetworkToItsNearestNode()
    {
        var spec = RoadBuilder.Expand(["road M1 trunk: a b c"], Places, Entries, Sites);

        var links = spec.Segments.Where(s => s.RoadClass == "tertiary").ToList();
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => l.From.Key == "depot-b" && l.To.Key == "b");
        Assert.Contains(links, l => l.From.Key == "pl-x" && l.To.Key == "a");
    }

    [Fact]
    public void Expand_UsesAnEntryPointNamedInARoadAsANodeWithoutAnAccessLink()
    {
        var spec = RoadBuilder.Expand(["road M1 trunk: pl-x a b"], Places, Entries, Sites);

        Assert.DoesNotContain(spec.Segments, s => s.RoadClass == "tertiary" && s.From.Key == "pl-x");
        Assert.Equal(4, spec.Nodes.Count); // pl-x, a, b and the depot's access node
    }

    [Fact]
    public void Expand_RejectsAnUnknownNodeNamingTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => RoadBuilder.Expand(["", "road M1 trunk: a nowhere"], Places, Entries, Sites));
        Assert.Contains("roads.spec:2", e.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_RejectsARoadThatEndsOnABend()
        => Assert.Throws<InvalidDataException>(() => RoadBuilder.Expand(["road M1 trunk: a b @31,50"], Places, Entries, Sites));

    [Fact]
    public void Expand_RejectsALimitOnAPairThatIsNotASegment()
        => Assert.Throws<InvalidDataException>(() => RoadBuilder.Expand(["road M1 trunk: a b c", "limit a c 40 x"], Places, Entries, Sites));

    private static CsvTable Table(string name, params string[] lines)
    {
        var rows = CsvTable.Parse(string.Join('\n', lines), name);
        return new CsvTable(name, rows[0], rows.Skip(1).ToList());
    }
}
