using Dapper;
using HubPlanner.Core.Geo;
using HubPlanner.Data.Store;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Operation.Union;

namespace HubPlanner.Data.Inspect;

/// <summary>Row count of one table.</summary>
public sealed record TableCount(string Table, long Rows);

/// <summary>Total quantity of one equipment type over all holders.</summary>
public sealed record InventoryTotal(string EquipmentTypeId, string Name, string Category, long Quantity, int Holders);

/// <summary>
/// Connectivity of the road graph taken as undirected: how many pieces it falls into. A planner needs one
/// piece; anything else means some hubs cannot be reached from some entry points.
/// </summary>
/// <param name="ComponentSizes">Node counts of the components, largest first (at most 10 listed).</param>
/// <param name="IsolatedNodes">Nodes that no road touches (each is its own component).</param>
public sealed record RoadConnectivity(int Nodes, int Edges, int Components, IReadOnlyList<int> ComponentSizes, int IsolatedNodes);

/// <summary>What <c>hubplanner inspect</c> reports.</summary>
/// <param name="BorderAreaKm2">Area of the border layer (union of its parts) in the Ukraine equal-area projection; null if no border is loaded.</param>
public sealed record InspectionReport(
    string Database,
    IReadOnlyList<AppliedMigration> Migrations,
    IReadOnlyList<TableCount> Tables,
    IReadOnlyList<InventoryTotal> Inventory,
    RoadConnectivity Roads,
    double? BorderAreaKm2,
    double? RoadLengthKm);

/// <summary>Summarises a planning database.</summary>
public static class StoreInspector
{
    /// <summary>Counts, inventory totals by type, road connectivity and border area.</summary>
    public static InspectionReport Inspect(PlanningStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tables = store.CountRows().Select(t => new TableCount(t.Table, t.Rows)).ToList();
        return store.Read(connection => Inspect(store, tables, connection, cancellationToken));
    }

    private static InspectionReport Inspect(PlanningStore store, List<TableCount> tables, SqliteConnection connection, CancellationToken cancellationToken)
    {
        var inventory = connection.Query<(string Id, string Name, string Category, long Quantity, long Holders)>(
                "SELECT t.id, t.name, t.category, COALESCE(SUM(i.quantity), 0), COUNT(i.fid) FROM equipment_types t " +
                "LEFT JOIN inventory i ON i.equipment_type_id = t.id GROUP BY t.id, t.name, t.category ORDER BY t.id")
            .Select(r => new InventoryTotal(r.Id, r.Name, r.Category, r.Quantity, (int)r.Holders))
            .ToList();
        cancellationToken.ThrowIfCancellationRequested();

        var nodes = connection.Query<long>("SELECT id FROM road_nodes ORDER BY id").ToList();
        var edges = connection.Query<(long From, long To)>("SELECT from_node, to_node FROM roads").ToList();
        var roads = Connectivity(nodes, edges);
        double? roadKm = connection.ExecuteScalar<double?>("SELECT SUM(length_m) / 1000.0 FROM roads");
        cancellationToken.ThrowIfCancellationRequested();

        var borderParts = connection.Query<byte[]>("SELECT geom FROM border").Select(GpkgGeometry.Read).ToList();
        double? borderArea = borderParts.Count == 0 ? null : UkraineEqualArea.Instance.AreaKm2(UnaryUnionOp.Union(borderParts));
        return new InspectionReport(store.Path, store.AppliedMigrations(), tables, inventory, roads, borderArea, roadKm);
    }

    /// <summary>Connected components of the undirected graph by union-find (path halving, union by size).</summary>
    public static RoadConnectivity Connectivity(IReadOnlyList<long> nodeIds, IReadOnlyList<(long From, long To)> edges)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(edges);
        var index = new Dictionary<long, int>(nodeIds.Count);
        foreach (long id in nodeIds)
        {
            index.TryAdd(id, index.Count);
        }

        var parent = new int[index.Count];
        var size = new int[index.Count];
        var degree = new int[index.Count];
        for (int i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }

        foreach (var (from, to) in edges)
        {
            if (!index.TryGetValue(from, out int a) || !index.TryGetValue(to, out int b))
            {
                continue; // cannot happen with the foreign keys; ignore rather than crash a report
            }

            degree[a]++;
            degree[b]++;
            int ra = Find(a), rb = Find(b);
            if (ra == rb)
            {
                continue;
            }

            if (size[ra] < size[rb])
            {
                (ra, rb) = (rb, ra);
            }

            parent[rb] = ra;
            size[ra] += size[rb];
        }

        var sizes = Enumerable.Range(0, parent.Length).Where(i => Find(i) == i).Select(i => size[i])
            .OrderByDescending(s => s).ToList();
        return new RoadConnectivity(index.Count, edges.Count, sizes.Count, sizes.Take(10).ToList(), degree.Count(d => d == 0));

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }
    }
}
