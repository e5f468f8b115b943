using System.Globalization;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;

namespace HubPlanner.Data.Osm;

/// <summary>
/// A replacement road network must not be empty, and must keep at least half as many nodes as the one it
/// replaces unless the user says so (<c>--allow-shrink</c>): a wrong bounding box or a truncated extract would
/// otherwise silently cut the planning network down.
/// </summary>
public static class RoadNetworkShrink
{
    /// <summary>The smallest accepted ratio of new to current road nodes without <c>--allow-shrink</c>.</summary>
    public const double MinimumKeptFraction = 0.5;

    /// <summary>Refuses the replacement of <paramref name="currentNodes"/> nodes by <paramref name="newNodes"/>.</summary>
    /// <exception cref="BadInputException">The new network is empty, or shrinks below half without permission.</exception>
    public static void Check(string file, long currentNodes, long newNodes, bool allowShrink)
    {
        if (newNodes == 0)
        {
            throw new BadInputException($"{file}: the new road network has no nodes; the road network ({currentNodes:N0} nodes) was left as it was");
        }

        if (!allowShrink && newNodes < MinimumKeptFraction * currentNodes)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                $"{file}: the new road network has {newNodes:N0} nodes, under {MinimumKeptFraction:P0} of the {currentNodes:N0} stored; the road network was left as it was (pass --allow-shrink to replace it anyway)"));
        }
    }

    /// <summary>The number of road nodes stored now.</summary>
    public static long CurrentNodes(IPlanningDataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.CountRows().FirstOrDefault(t => t.Table == "road_nodes").Rows;
    }
}
