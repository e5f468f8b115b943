using Dapper;
using HubPlanner.Data.Import;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Store;

/// <summary>Base data writes: a whole dataset (init) or one imported file, each one transaction.</summary>
public sealed partial class PlanningStore
{
    /// <inheritdoc />
    public bool ReplaceBaseData(PlanningDataset data, string source, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _db.Write((connection, tx) =>
        {
            string? last = connection.ExecuteScalar<string?>(
                "SELECT sha256 FROM dataset_loads WHERE source = @source ORDER BY id DESC LIMIT 1", new { source }, tx);
            if (last == sha256)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            DatasetWriter.DeleteBase(connection, tx);
            DatasetWriter.Write(connection, tx, data);
            string now = Now();
            DatasetWriter.UpdateContents(connection, tx, now);
            connection.Execute("INSERT INTO dataset_loads (source, sha256, loaded_at) VALUES (@source, @sha256, @now)",
                new { source, sha256, now }, tx);
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        });
    }

    /// <inheritdoc />
    public PlanningDataset Import(Func<KnownIds, PlanningDataset> read, bool withRoadNodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return _db.Write((connection, tx) =>
        {
            var known = new KnownIds();
            known.Sites.UnionWith(connection.Query<string>("SELECT id FROM sites", transaction: tx));
            known.EntryPoints.UnionWith(connection.Query<string>("SELECT id FROM entry_points", transaction: tx));
            known.EquipmentTypes.UnionWith(connection.Query<string>("SELECT id FROM equipment_types", transaction: tx));
            known.VehicleTypes.UnionWith(connection.Query<string>("SELECT id FROM vehicle_types", transaction: tx));
            if (withRoadNodes)
            {
                foreach (var (id, geom) in connection.Query<(long, byte[])>("SELECT id, geom FROM road_nodes", transaction: tx))
                {
                    var point = (Point)GpkgGeometry.Read(geom);
                    known.RoadNodes[id] = (point.X, point.Y);
                }

                foreach (var (from, to, geom) in connection.Query<(long, long, byte[])>("SELECT from_node, to_node, geom FROM roads", transaction: tx))
                {
                    var line = (LineString)GpkgGeometry.Read(geom);
                    AddEnd(known, from, line.GetCoordinateN(0));
                    AddEnd(known, to, line.GetCoordinateN(line.NumPoints - 1));
                }
            }

            known.StudyArea = StudyArea.Of(connection.Query<byte[]>("SELECT geom FROM border", transaction: tx).Select(GpkgGeometry.Read));

            var data = read(known);
            cancellationToken.ThrowIfCancellationRequested();
            DatasetWriter.Write(connection, tx, data);
            DatasetWriter.UpdateContents(connection, tx, Now());
            return data;
        });
    }

    private static void AddEnd(KnownIds known, long node, Coordinate end)
    {
        if (!known.RoadEnds.TryGetValue(node, out var ends))
        {
            known.RoadEnds[node] = ends = [];
        }

        ends.Add((end.X, end.Y));
    }
}
