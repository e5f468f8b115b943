using Dapper;
using HubPlanner.Core.Domain;

namespace HubPlanner.Data.Store;

/// <summary>Replacing the whole road network (an OSM import brings its own node and edge ids).</summary>
public sealed partial class PlanningStore
{
    /// <summary>
    /// Replaces every road node and road edge with <paramref name="nodes"/> and <paramref name="edges"/> in one
    /// transaction: either the new network is complete or the old one is untouched.
    /// </summary>
    public (int Nodes, int Edges) ReplaceRoadNetwork(IReadOnlyList<RoadNode> nodes, IReadOnlyList<RoadEdge> edges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var known = nodes.Select(n => n.Id).ToHashSet();
        var dangling = edges.FirstOrDefault(e => !known.Contains(e.FromNode) || !known.Contains(e.ToNode));
        if (dangling is not null)
        {
            throw new Input.BadInputException($"road edge {dangling.Id} joins node {(known.Contains(dangling.FromNode) ? dangling.ToNode : dangling.FromNode)}, which is not among the imported nodes");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _db.Write((connection, tx) =>
        {
            connection.Execute("DELETE FROM roads", transaction: tx);
            connection.Execute("DELETE FROM road_nodes", transaction: tx);
            DatasetWriter.Write(connection, tx, PlanningDataset.Empty with { RoadNodes = nodes, Roads = edges });
            DatasetWriter.UpdateContents(connection, tx, Now());
            cancellationToken.ThrowIfCancellationRequested();
            return (nodes.Count, edges.Count);
        });
    }
}
