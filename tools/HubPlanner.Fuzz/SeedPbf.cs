using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace HubPlanner.Fuzz;

/// <summary>A four-node, two-way PBF (a primary road through a junction and a secondary branch) to seed the pbf target.</summary>
internal static class SeedPbf
{
    public static void Write(string path)
    {
        var stamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var stream = File.Create(path);
        var target = new PBFOsmStreamTarget(stream);
        target.Initialize();
        (long Id, double Lon, double Lat)[] nodes = [(1, 30.00, 50.00), (2, 30.01, 50.00), (3, 30.02, 50.00), (4, 30.01, 50.01)];
        foreach (var (id, lon, lat) in nodes)
        {
            target.AddNode(new Node { Id = id, Longitude = lon, Latitude = lat, Version = 1, TimeStamp = stamp, ChangeSetId = 1, UserId = 1, UserName = "s", Visible = true, Tags = new TagsCollection() });
        }

        target.AddWay(Way(10, [1, 2, 3], stamp, new Tag("highway", "primary"), new Tag("maxspeed", "90"), new Tag("ref", "M06")));
        target.AddWay(Way(11, [2, 4], stamp, new Tag("highway", "secondary"), new Tag("oneway", "yes"), new Tag("maxweight", "20 t")));
        target.Flush();
        target.Close();
    }

    private static Way Way(long id, long[] nodes, DateTime stamp, params Tag[] tags) => new()
    {
        Id = id, Nodes = nodes, Tags = new TagsCollection(tags), Version = 1, TimeStamp = stamp, ChangeSetId = 1, UserId = 1, UserName = "s", Visible = true,
    };
}
