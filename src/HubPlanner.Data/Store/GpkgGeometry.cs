using System.Buffers.Binary;
using HubPlanner.Core.Geo;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace HubPlanner.Data.Store;

/// <summary>
/// GeoPackage binary geometries: XY only (the writer's default XYZM shows up in GDAL as NaN Z/M) and SRID
/// kept on read (the reader's default drops it). Also the SQL functions that GDAL's spatial-index triggers
/// call, registered on every connection so that a file GDAL or QGIS indexed stays writable here.
/// </summary>
public static class GpkgGeometry
{
    /// <summary>Encodes a lon/lat geometry (its SRID must be 4326).</summary>
    public static byte[] Write(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.SRID != GeoFactory.Wgs84Srid)
        {
            throw new ArgumentException($"Geometry SRID is {geometry.SRID}; the store holds SRID 4326 only.", nameof(geometry));
        }

        return new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY }.Write(geometry);
    }

    /// <summary>Decodes a blob into a geometry of the one SRID-4326 factory.</summary>
    public static Geometry Read(byte[] blob)
    {
        var raw = new GeoPackageGeoReader { HandleSRID = true }.Read(blob);
        var geometry = GeoFactory.Wgs84.CreateGeometry(raw);
        geometry.SRID = GeoFactory.Wgs84Srid;
        return geometry;
    }

    /// <summary>Registers ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY and ST_MaxY on an open connection.</summary>
    public static void RegisterFunctions(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction<byte[]?, long?>("ST_IsEmpty", blob => blob is null ? null : IsEmpty(blob) ? 1 : 0, isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MinX", blob => Bound(blob, 0), isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MaxX", blob => Bound(blob, 1), isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MinY", blob => Bound(blob, 2), isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MaxY", blob => Bound(blob, 3), isDeterministic: true);
    }

    // Header: 'G','P', version, flags, int32 srs_id, then the envelope (minx, maxx, miny, maxy, …) if the
    // flags' envelope indicator is non-zero. Flags bit 0: little endian; bits 1-3: envelope; bit 4: empty.
    private static bool IsEmpty(byte[] blob)
    {
        if (blob.Length < 8 || blob[0] != 'G' || blob[1] != 'P')
        {
            return true;
        }

        return (blob[3] & 0x10) != 0 || Read(blob).IsEmpty;
    }

    private static double? Bound(byte[]? blob, int which)
    {
        if (blob is null || blob.Length < 8 || blob[0] != 'G' || blob[1] != 'P' || (blob[3] & 0x10) != 0)
        {
            return null;
        }

        int envelope = (blob[3] >> 1) & 0x7;
        if (envelope != 0 && blob.Length >= 8 + 32)
        {
            var span = blob.AsSpan(8 + which * 8, 8);
            bool little = (blob[3] & 1) == 1;
            long bits = little ? BinaryPrimitives.ReadInt64LittleEndian(span) : BinaryPrimitives.ReadInt64BigEndian(span);
            return BitConverter.Int64BitsToDouble(bits);
        }

        var env = Read(blob).EnvelopeInternal;
        if (env.IsNull)
        {
            return null;
        }

        return which switch { 0 => env.MinX, 1 => env.MaxX, 2 => env.MinY, _ => env.MaxY };
    }
}
