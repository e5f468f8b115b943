namespace HubPlanner.Core.Roads;

/// <summary>
/// The exact integer cost every road search minimises: travel time in milliseconds, ties broken by length in
/// metres, packed into one <see cref="long"/> as <c>timeMs · 2^26 + lengthM</c>. Both Dijkstra and the
/// contraction hierarchy minimise this same sum, so they agree to the metre and the millisecond, and a path's
/// length is recovered exactly as long as it stays under 2^26 m (67,108 km).
/// </summary>
public static class RoadCost
{
    /// <summary>Bits reserved for the length part.</summary>
    public const int LengthBits = 26;

    /// <summary>Mask of the length part.</summary>
    public const long LengthMask = (1L << LengthBits) - 1;

    /// <summary>The cost of "no path". Never added to: searches check for it first.</summary>
    public const long Infinity = long.MaxValue;

    /// <summary>Packs a time (ms) and a length (m) into one cost.</summary>
    public static long Pack(long timeMs, long lengthM)
    {
        if (timeMs < 0 || lengthM < 0 || lengthM > LengthMask)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthM), $"cannot pack time {timeMs} ms and length {lengthM} m into a road cost");
        }

        return (timeMs << LengthBits) | lengthM;
    }

    /// <summary>Time part of a packed cost, in milliseconds.</summary>
    public static long TimeMs(long cost) => cost >> LengthBits;

    /// <summary>Length part of a packed cost, in metres.</summary>
    public static long LengthM(long cost) => cost & LengthMask;

    /// <summary>Time in milliseconds to drive <paramref name="lengthM"/> metres at <paramref name="speedKmh"/>.</summary>
    public static long DriveTimeMs(double lengthM, double speedKmh) => (long)Math.Round(lengthM * 3600.0 / speedKmh);
}

/// <summary>A start (or end) of a search: a graph node reached at an initial cost (e.g. the partial edge from a snapped point).</summary>
/// <param name="Node">Graph node index.</param>
/// <param name="Cost">Packed <see cref="RoadCost"/> already spent to reach (or still needed from) the node.</param>
public readonly record struct SearchSeed(int Node, long Cost);
