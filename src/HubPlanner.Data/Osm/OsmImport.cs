using System.Globalization;
using HubPlanner.Core.Domain;

namespace HubPlanner.Data.Osm;

/// <summary>Receives the road network as it is extracted, so the store can write it in one transaction.</summary>
public interface IRoadSink
{
    /// <summary>A junction or end node; always emitted before the first edge that uses it.</summary>
    void AddNode(RoadNode node);

    /// <summary>A road edge between two emitted nodes.</summary>
    void AddEdge(RoadEdge edge);
}

/// <summary>A sink that keeps everything in lists (tests, small extracts).</summary>
public sealed class ListRoadSink : IRoadSink
{
    /// <summary>Nodes in emission order.</summary>
    public List<RoadNode> Nodes { get; } = [];

    /// <summary>Edges in emission order.</summary>
    public List<RoadEdge> Edges { get; } = [];

    /// <inheritdoc/>
    public void AddNode(RoadNode node) => Nodes.Add(node);

    /// <inheritdoc/>
    public void AddEdge(RoadEdge edge) => Edges.Add(edge);
}

/// <summary>A lon/lat box: west, south, east, north (degrees).</summary>
public sealed record OsmBoundingBox(double West, double South, double East, double North)
{
    /// <summary>Parses "W,S,E,N" and checks the order of the sides.</summary>
    public static OsmBoundingBox Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        if (parts.Length != 4 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)))
        {
            throw new ArgumentException($"bbox must be W,S,E,N as four finite numbers in degrees, not '{text}'");
        }

        var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        {
            throw new ArgumentException($"bbox '{text}' is not W,S,E,N with west < east and south < north");
        }

        return new OsmBoundingBox(v[0], v[1], v[2], v[3]);
    }

    /// <summary>True if the point lies inside or on the box.</summary>
    public bool Contains(double lon, double lat) => lon >= West && lon <= East && lat >= South && lat <= North;
}

/// <summary>Options of the OSM road extraction.</summary>
/// <param name="BoundingBox">Keep only nodes inside this box (ways are cut where they leave it); null for all.</param>
/// <param name="MaxWaysWithMissingNodes">
/// The largest fraction of highway ways that may reference nodes absent from the file (an extract cut at its edge
/// has a few); above it the file is refused as incomplete. Nodes outside <paramref name="BoundingBox"/> do not count.
/// </param>
public sealed record OsmImportOptions(OsmBoundingBox? BoundingBox = null, double MaxWaysWithMissingNodes = OsmImportOptions.DefaultMaxWaysWithMissingNodes)
{
    /// <summary>1 % of the highway ways.</summary>
    public const double DefaultMaxWaysWithMissingNodes = 0.01;
}

/// <summary>What an extraction read and wrote, and what it cost.</summary>
/// <param name="HighwayWays">Ways of the kept highway classes.</param>
/// <param name="NodeRefs">Node references of those ways.</param>
/// <param name="DistinctNodes">Distinct nodes those ways use (coordinates kept for these only).</param>
/// <param name="RoadNodes">Junction and end nodes emitted.</param>
/// <param name="RoadEdges">Edges emitted.</param>
/// <param name="MissingNodes">Referenced nodes absent from the file or outside the box.</param>
/// <param name="WaysWithMissingNodes">Highway ways that reference at least one node absent from the file (imported in parts).</param>
/// <param name="FirstWaysWithMissingNodes">The ids of the first few of those ways, to name them.</param>
public sealed record OsmImportSummary(long HighwayWays, long NodeRefs, int DistinctNodes, long RoadNodes, long RoadEdges, long MissingNodes,
    long WaysWithMissingNodes = 0, IReadOnlyList<long>? FirstWaysWithMissingNodes = null);

/// <summary>Progress of an extraction: pass (1 ways, 2 nodes, 3 edges) and elements read in it.</summary>
public readonly record struct OsmImportProgress(int Pass, long Elements);

/// <summary>The OSM file is unreadable: truncated, corrupt or not a PBF. Nothing was emitted.</summary>
public sealed class OsmImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OsmImportException(string file, string problem, Exception? inner = null)
        : base($"cannot import OSM file '{file}': {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>Creates the exception (serialisation-free form required by the analyzers).</summary>
    public OsmImportException()
        : this("?", "unknown problem")
    {
    }

    /// <summary>Creates the exception.</summary>
    public OsmImportException(string message)
        : this("?", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OsmImportException(string message, Exception innerException)
        : this("?", message, innerException)
    {
    }

    /// <summary>The file.</summary>
    public string File { get; } = "?";

    /// <summary>What was wrong.</summary>
    public string Problem { get; } = "";
}
