using System.Text;
using System.Text.Json.Nodes;
using HubPlanner.Data.Import;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.BadInput;

/// <summary>One bad input file and what its refusal must say.</summary>
/// <param name="Name">Unique name (kind/case).</param>
/// <param name="Kind">The import kind it is fed to.</param>
/// <param name="FileName">File name to write it under.</param>
/// <param name="Bytes">The file's bytes.</param>
/// <param name="Line">The CSV line the error must name, or null.</param>
/// <param name="Feature">The GeoJSON feature index the error must name, or null.</param>
/// <param name="Field">The field the error must name, or null for a row- or file-level problem.</param>
/// <param name="Fragment">Text the error message must contain.</param>
public sealed record BadInputCase(string Name, ImportKind Kind, string FileName, byte[] Bytes, int? Line, int? Feature, string? Field, string Fragment)
{
    public override string ToString() => Name;
}

/// <summary>
/// The bad-input corpus: hand-made files under <c>BadInput/files</c> (listed with their expected error in
/// <c>manifest.tsv</c>) plus cases generated from the valid seven-nodes files, one defect class each
/// (non-finite number, over-long id, over-long text or unknown reference, missing column, extra cell,
/// duplicate row, invalid UTF-8; for GeoJSON: truncated JSON, wrong geometry type, out-of-range position,
/// null geometry, invalid UTF-8, not a FeatureCollection, no features array, over-long text).
/// </summary>
public static class BadInputCorpus
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "BadInput");

    /// <summary>Per CSV kind: the id column, a numeric column, a text column (or null) and a reference column (or null).</summary>
    private static readonly (ImportKind Kind, string IdColumn, string NumberColumn, string? TextColumn, string? ReferenceColumn)[] CsvKinds =
    [
        (ImportKind.Places, "id", "population", "name", null),
        (ImportKind.Sites, "id", "storage_capacity_t", "name", null),
        (ImportKind.EntryPoints, "id", "lat", "name", null),
        (ImportKind.Equipment, "id", "weight_t", "name", null),
        (ImportKind.Inventory, "holder_id", "quantity", null, "equipment_type_id"),
        (ImportKind.Vehicles, "id", "capacity_t", "name", null),
        (ImportKind.Fleet, "entry_point_id", "count", null, "vehicle_type_id"),
        (ImportKind.Demand, "id", "weight", "name", null),
        (ImportKind.RoadNodes, "id", "lat", "name", null),
    ];

    private static readonly (ImportKind Kind, string TextProperty)[] GeoJsonKinds =
    [
        (ImportKind.Roads, "ref"),
        (ImportKind.Zones, "name"),
        (ImportKind.Border, "name"),
        (ImportKind.Coast, "name"),
        (ImportKind.Neighbours, "name"),
    ];

    public static IReadOnlyList<BadInputCase> All { get; } = [.. HandMade(), .. GeneratedCsv(), .. GeneratedGeoJson()];

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    private static IEnumerable<BadInputCase> HandMade()
    {
        foreach (string line in File.ReadAllLines(Path.Combine(Root, "manifest.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            string[] c = line.Split('\t');
            if (!ImportKinds.TryParse(c[0], out var kind))
            {
                throw new InvalidOperationException($"manifest.tsv: unknown kind '{c[0]}'");
            }

            string[] where = c[2].Split(':');
            int? lineNo = where[0] == "line" ? int.Parse(where[1], System.Globalization.CultureInfo.InvariantCulture) : null;
            int? feature = where[0] == "feature" ? int.Parse(where[1], System.Globalization.CultureInfo.InvariantCulture) : null;
            yield return new BadInputCase("hand/" + c[1], kind, Path.GetFileName(c[1]), File.ReadAllBytes(Path.Combine(Root, "files", c[1])),
                lineNo, feature, c[3] == "-" ? null : c[3], c[4]);
        }
    }

    private static IEnumerable<BadInputCase> GeneratedCsv()
    {
        foreach (var (kind, idColumn, numberColumn, textColumn, referenceColumn) in CsvKinds)
        {
            string cli = ImportKinds.CliName(kind);
            string file = ImportKinds.FileName(kind);
            string[] lines = File.ReadAllLines(Path.Combine(Fixtures.SevenNodes, file));
            string[] header = lines[0].Split(',');
            string[] first = SplitSimple(lines[1]);
            string Row(string column, string value)
            {
                var cells = (string[])first.Clone();
                cells[Array.IndexOf(header, column)] = value;
                return string.Join(",", cells.Select(Quote));
            }

            BadInputCase Case(string what, string text, int? line, string? field, string fragment)
                => new($"gen/{cli}/{what}", kind, file, Encoding.UTF8.GetBytes(text), line, null, field, fragment);

            string head = lines[0] + "\n";
            yield return Case("nan-number", head + Row(numberColumn, "NaN") + "\n", 2, numberColumn, "found \"NaN\"");
            yield return kind == ImportKind.RoadNodes
                ? Case("id-65-digits", head + Row(idColumn, new string('9', 65)) + "\n", 2, idColumn, "whole number")
                : Case("id-65-characters", head + Row(idColumn, new string('x', 65)) + "\n", 2, idColumn, "at most 64 characters");
            yield return textColumn is not null
                ? Case("text-257-characters", head + Row(textColumn, new string('n', 257)) + "\n", 2, textColumn, "at most 256 characters")
                : Case("unknown-reference", head + Row(referenceColumn!, "no-such-id") + "\n", 2, referenceColumn, "unknown id");
            string dropped = string.Join(",", header.Where(h => h != numberColumn));
            yield return Case("missing-column", dropped + "\n" + lines[1] + "\n", 1, null, $"missing column '{numberColumn}'");
            yield return Case("extra-cell", head + lines[1] + ",surplus\n", 2, null, "comma-separated cells");
            yield return Case("duplicate-row", head + lines[1] + "\n" + lines[1] + "\n", 3, kind is ImportKind.Inventory or ImportKind.Fleet ? referenceColumn : idColumn,
                "first seen on line 2");
            byte[] bad = [.. Encoding.UTF8.GetBytes(head + lines[1][..1]), 0xFF, .. Encoding.UTF8.GetBytes(lines[1][1..] + "\n")];
            yield return new BadInputCase($"gen/{cli}/invalid-utf8", kind, file, bad, null, null, null, "not valid UTF-8 at line 2, byte 2");
            yield return Case("blank-required-cell", head + Row(idColumn, "") + "\n", 2, idColumn, "found an empty cell");
        }
    }

    private static IEnumerable<BadInputCase> GeneratedGeoJson()
    {
        foreach (var (kind, textProperty) in GeoJsonKinds)
        {
            string cli = ImportKinds.CliName(kind);
            string file = ImportKinds.FileName(kind);
            string valid = File.ReadAllText(Path.Combine(Fixtures.SevenNodes, file));

            BadInputCase Case(string what, string text, int? feature, string? field, string fragment)
                => new($"gen/{cli}/{what}", kind, file, Encoding.UTF8.GetBytes(text), null, feature, field, fragment);

            string Mutate(Action<JsonObject> change)
            {
                var root = JsonNode.Parse(valid)!.AsObject();
                change(root["features"]![0]!.AsObject());
                return root.ToJsonString();
            }

            yield return Case("truncated", valid[..(valid.Length / 2)], null, null, "is not valid JSON");
            yield return Case("point-geometry", Mutate(f => f["geometry"] = JsonNode.Parse("""{"type": "Point", "coordinates": [30, 49]}""")), 0, "geometry", "found a Point");
            yield return Case("longitude-214.7", Mutate(f => f["geometry"]!["coordinates"] = ShiftFirstPosition(f["geometry"]!)), 0, "geometry", "lon between -180 and 180");
            yield return Case("null-geometry", Mutate(f => f["geometry"] = null), 0, "geometry", "found none");
            byte[] utf8 = Encoding.UTF8.GetBytes(Mutate(f => f["properties"]![textProperty] = "\u0001MARK"));
            int mark = IndexOf(utf8, Encoding.UTF8.GetBytes("\\u0001MARK"));
            byte[] bad = [.. utf8[..mark], 0xC0, 0xAF, .. utf8[(mark + 6)..]];
            yield return new BadInputCase($"gen/{cli}/invalid-utf8", kind, file, bad, null, null, null, "not valid UTF-8 at line 1");
            yield return Case("bare-feature", JsonNode.Parse(valid)!["features"]![0]!.ToJsonString(), null, null, "\"FeatureCollection\"");
            yield return Case("features-object", """{"type": "FeatureCollection", "features": {}}""", null, null, "\"features\" array");
            yield return Case("text-300-characters", Mutate(f => f["properties"]![textProperty] = new string('r', 300)), 0, textProperty, "at most 256 characters");
        }
    }

    /// <summary>Moves the first position of the first line or ring to lon 214.7 (and a ring's closing position with it).</summary>
    private static JsonNode ShiftFirstPosition(JsonNode geometry)
    {
        var coordinates = geometry["coordinates"]!.DeepClone();
        var positions = coordinates.AsArray();
        while (positions[0]![0] is JsonArray)
        {
            positions = positions[0]!.AsArray();
        }

        bool closed = positions.Count > 2 && JsonNode.DeepEquals(positions[0], positions[^1]);
        positions[0]![0] = 214.7;
        if (closed)
        {
            positions[^1]![0] = 214.7;
        }

        return coordinates;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("marker not found");
    }

    /// <summary>Splits a fixture row (quoted cells hold commas).</summary>
    private static string[] SplitSimple(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        foreach (char ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string Quote(string cell) => cell.Contains(',', StringComparison.Ordinal) ? "\"" + cell + "\"" : cell;
}
