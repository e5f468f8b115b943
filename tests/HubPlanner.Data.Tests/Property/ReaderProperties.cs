using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Tests.Property;

/// <summary>
/// Properties of the CSV and GeoJSON readers: any bytes are either read or refused with located errors (never
/// an exception), mutations of a valid file likewise, and valid generated records survive a write/read round trip.
/// Study area: the box lon 24..32, lat 46..51.
/// </summary>
public sealed class ReaderProperties : IDisposable
{
    private static readonly ImportKind[] CsvKinds =
    [
        ImportKind.Places, ImportKind.Sites, ImportKind.EntryPoints, ImportKind.Equipment, ImportKind.Inventory,
        ImportKind.Vehicles, ImportKind.Fleet, ImportKind.Demand, ImportKind.RoadNodes,
    ];

    private static readonly ImportKind[] GeoJsonKinds = [ImportKind.Roads, ImportKind.Zones, ImportKind.Border, ImportKind.Coast, ImportKind.Neighbours];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Property(MaxTest = 300)]
    public void Csv_AnyBytes_AreReadOrRefusedWithLocatedErrors(byte selector, byte[] bytes)
        => AssertReadOrLocated(CsvKinds[selector % CsvKinds.Length], bytes, "input.csv");

    [Property(MaxTest = 300)]
    public void GeoJson_AnyBytes_AreReadOrRefusedWithLocatedErrors(byte selector, byte[] bytes)
        => AssertReadOrLocated(GeoJsonKinds[selector % GeoJsonKinds.Length], bytes, "input.geojson");

    [Property(MaxTest = 300)]
    public FsCheck.Property Csv_MutatedFixtureFiles_AreReadOrRefusedWithLocatedErrors()
        => Prop.ForAll(Mutated(CsvKinds).ToArbitrary(), m => AssertReadOrLocated(m.Kind, m.Bytes, ImportKinds.FileName(m.Kind)));

    [Property(MaxTest = 300)]
    public FsCheck.Property GeoJson_MutatedFixtureFiles_AreReadOrRefusedWithLocatedErrors()
        => Prop.ForAll(Mutated(GeoJsonKinds).ToArbitrary(), m => AssertReadOrLocated(m.Kind, m.Bytes, ImportKinds.FileName(m.Kind)));

    [Property(MaxTest = 100)]
    public FsCheck.Property Csv_ValidGeneratedSites_RoundTrip()
        => Prop.ForAll(Gen.ListOf(SiteGen).Select(l => l.DistinctBy(s => s.Id).ToList()).Where(l => l.Count > 0).ToArbitrary(), sites =>
        {
            var text = new StringBuilder("id,name,kind,lon,lat,storage_capacity_t,throughput_t_per_day,fixed_cost,status\n");
            foreach (var s in sites)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{s.Id},{Quote(s.Name)},{FieldRules.Snake(s.Kind)},{s.Lon:R},{s.Lat:R},{s.StorageCapacityT:R},{s.ThroughputTPerDay:R},{s.FixedCost:R},{FieldRules.Snake(s.Status)}\n");
            }

            string path = _dir.Write("sites-" + Guid.NewGuid().ToString("N")[..6] + ".csv", "");
            File.WriteAllText(path, text.ToString());
            var errors = new ErrorCollector(path);
            var read = DatasetFileReader.Read(ImportKind.Sites, path, errors, Known()).Sites;

            Assert.Empty(errors.ToList());
            Assert.Equal(sites, read);
        });

    [Property(MaxTest = 100)]
    public FsCheck.Property GeoJson_ValidGeneratedZones_RoundTrip()
        => Prop.ForAll(Gen.ListOf(ZoneGen).Select(l => l.DistinctBy(z => z.Id).ToList()).Where(l => l.Count > 0).ToArbitrary(), zones =>
        {
            string features = string.Join(",\n", zones.Select(z =>
            {
                var e = z.Geometry.EnvelopeInternal;
                string ring = string.Create(CultureInfo.InvariantCulture,
                    $"[[{e.MinX:R}, {e.MinY:R}], [{e.MaxX:R}, {e.MinY:R}], [{e.MaxX:R}, {e.MaxY:R}], [{e.MinX:R}, {e.MaxY:R}], [{e.MinX:R}, {e.MinY:R}]]");
                string properties = string.Create(CultureInfo.InvariantCulture,
                    $"\"id\": \"{z.Id}\", \"name\": {System.Text.Json.JsonSerializer.Serialize(z.Name)}, \"kind\": \"{FieldRules.Snake(z.Kind)}\", \"weight\": {z.Weight:R}");
                return "{\"type\": \"Feature\", \"properties\": {" + properties + "}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [" + ring + "]}}";
            }));
            string path = _dir.Write("zones-" + Guid.NewGuid().ToString("N")[..6] + ".geojson", "");
            File.WriteAllText(path, $$"""{"type": "FeatureCollection", "features": [{{features}}]}""");
            var errors = new ErrorCollector(path);
            var read = DatasetFileReader.Read(ImportKind.Zones, path, errors, Known()).Zones;

            Assert.Empty(errors.ToList());
            Assert.Equal(zones.Select(z => (z.Id, z.Name, z.Kind, z.Weight)), read.Select(z => (z.Id, z.Name, z.Kind, z.Weight)));
            Assert.All(zones.Zip(read), p => Assert.True(p.First.Geometry.Normalized().EqualsExact(p.Second.Geometry.Normalized()), $"{p.First.Geometry} != {p.Second.Geometry}"));
        });

    private void AssertReadOrLocated(ImportKind kind, byte[] bytes, string name)
    {
        string path = _dir.File(Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllBytes(path, bytes);
        var errors = new ErrorCollector(path);

        var data = DatasetFileReader.Read(kind, path, errors, Known());

        foreach (var e in errors.ToList())
        {
            Assert.Equal(path, e.File);
            Assert.True(e.Line is null or >= 1, $"line {e.Line}");
            Assert.True(e.FeatureIndex is null or >= 0, $"feature {e.FeatureIndex}");
            Assert.True(e.Line is null || e.FeatureIndex is null, "both a line and a feature");
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            Assert.True(e.Field is null || e.Field.Length > 0);
        }

        if (!errors.HasErrors && kind is not (ImportKind.Coast or ImportKind.Neighbours))
        {
            Assert.True(Count(data) > 0, "a file read without errors yields records");
        }
    }

    private static int Count(PlanningDataset d) => d.Places.Count + d.Sites.Count + d.EntryPoints.Count + d.EquipmentTypes.Count + d.Inventory.Count
        + d.VehicleTypes.Count + d.Fleet.Count + d.DemandPoints.Count + d.RoadNodes.Count + d.Roads.Count + d.Zones.Count + d.Border.Count;

    /// <summary>A fixture file with 1..8 byte-level edits (replace, insert, delete, duplicate a slice).</summary>
    private static Gen<(ImportKind Kind, byte[] Bytes)> Mutated(ImportKind[] kinds)
        => from kind in Gen.Elements(kinds)
           from seed in Gen.Choose(0, int.MaxValue)
           from edits in Gen.Choose(1, 8)
           select (kind, Mutate(File.ReadAllBytes(Path.Combine(Fixtures.SevenNodes, ImportKinds.FileName(kind))), seed, edits));

    private static byte[] Mutate(byte[] original, int seed, int edits)
    {
        var random = new Random(seed);
        var bytes = original.ToList();
        byte[] interesting = [(byte)',', (byte)'"', (byte)'\n', (byte)'\r', (byte)'-', (byte)'.', (byte)'e', (byte)'9', (byte)'{', (byte)'}', (byte)'[', (byte)']', 0, 0xFF, 0xC3];
        for (int i = 0; i < edits && bytes.Count > 0; i++)
        {
            int at = random.Next(bytes.Count);
            byte value = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
            switch (random.Next(4))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2: bytes.RemoveAt(at); break;
                default:
                    int length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static readonly Gen<string> SlugGen =
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
        from rest in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()))
        select first + new string(rest.Take(40).ToArray());

    /// <summary>Names with commas, quotes, line breaks inside and non-ASCII letters, but no outer white space (names are trimmed).</summary>
    private static readonly Gen<string> NameGen =
        from first in Gen.Elements("AБЇzé\"".ToCharArray())
        from middle in Gen.ArrayOf(Gen.Elements("abc XYZ,\"'\nїєґ-–.0".ToCharArray()))
        from last in Gen.Elements("aЯ9)\"".ToCharArray())
        select first + new string(middle.Take(60).ToArray()) + last;

    private static Gen<double> Between(double min, double max) => Gen.Choose(0, 1_000_000).Select(i => min + ((max - min) * i / 1_000_000.0));

    private static readonly Gen<Site> SiteGen =
        from id in SlugGen
        from name in NameGen
        from kind in Gen.Elements(Enum.GetValues<SiteKind>())
        from lon in Between(24.5, 31.5)
        from lat in Between(46.5, 50.5)
        from storage in Between(0, 1e6)
        from throughput in Between(0, 1e5)
        from cost in Between(0, 1e4)
        from status in Gen.Elements(Enum.GetValues<SiteStatus>())
        select new Site(id, name, kind, lon, lat, storage, throughput, cost, status);

    /// <summary>Boxes that overlap the study area (possibly extending beyond it), as zones must.</summary>
    private static readonly Gen<Zone> ZoneGen =
        from id in SlugGen
        from name in NameGen
        from kind in Gen.Elements(Enum.GetValues<ZoneKind>())
        from weight in Between(0, 100)
        from lon in Between(22.5, 31.5)
        from lat in Between(44.5, 50.5)
        from width in Between(1.6, 3)
        from height in Between(1.6, 3)
        select new Zone(id, name, kind, GeoFactory.Wgs84.ToGeometry(new Envelope(lon, lon + width, lat, lat + height)), weight);

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static KnownIds Known()
    {
        var known = new KnownIds();
        known.Sites.Add("lviv-rail");
        known.EntryPoints.UnionWith(["krakovets", "izmail"]);
        known.EquipmentTypes.UnionWith(["sam-medium", "radar-long", "fuel-module"]);
        known.VehicleTypes.Add("heavy-truck");
        foreach (string line in File.ReadAllLines(Path.Combine(Fixtures.SevenNodes, "road_nodes.csv")).Skip(1))
        {
            string[] c = line.Split(',');
            known.RoadNodes[long.Parse(c[0], CultureInfo.InvariantCulture)] = (double.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture));
        }

        known.StudyArea = StudyArea.Of([GeoFactory.Wgs84.ToGeometry(new Envelope(24, 32, 46, 51))]);
        return known;
    }
}
