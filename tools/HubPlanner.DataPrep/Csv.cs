using System.Globalization;
using System.Text;

namespace HubPlanner.DataPrep;

/// <summary>A CSV table read whole: header names and rows of cells (RFC 4180 quoting).</summary>
internal sealed record CsvTable(string FileName, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Column index by name; throws naming the file when the column is missing.</summary>
    public int Column(string name)
    {
        for (int i = 0; i < Header.Count; i++)
        {
            if (Header[i] == name)
            {
                return i;
            }
        }

        throw new InvalidDataException($"{FileName}: no column '{name}' (header: {string.Join(",", Header)})");
    }

    /// <summary>Reads a whole CSV file.</summary>
    public static CsvTable Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path));
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{path}: empty file, a header row is required");
        }

        return new CsvTable(Path.GetFileName(path), records[0], records.Skip(1).ToList());
    }

    /// <summary>Parses RFC 4180 text (quoted fields, doubled quotes, CRLF or LF) into records.</summary>
    public static List<IReadOnlyList<string>> Parse(string text, string name)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, anyInRecord = false;
        int line = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    if (cell.Length > 0)
                    {
                        throw new InvalidDataException($"{name}:{line}: quote inside an unquoted field");
                    }

                    quoted = true;
                    anyInRecord = true;
                    break;
                case ',':
                    fields.Add(cell.ToString());
                    cell.Clear();
                    anyInRecord = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (anyInRecord || cell.Length > 0)
                    {
                        fields.Add(cell.ToString());
                        records.Add(fields.ToArray());
                    }

                    fields.Clear();
                    cell.Clear();
                    anyInRecord = false;
                    line++;
                    break;
                default:
                    cell.Append(c);
                    anyInRecord = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{name}: unterminated quoted field at end of file");
        }

        if (anyInRecord || cell.Length > 0)
        {
            fields.Add(cell.ToString());
            records.Add(fields.ToArray());
        }

        return records;
    }

}

/// <summary>Number formatting and parsing with the invariant culture.</summary>
internal static class Csv
{
    /// <summary>Formats a number with '.' and at most <paramref name="decimals"/> decimals, no trailing zeros.</summary>
    public static string Num(double value, int decimals = 6)
        => Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Parses a number written with '.'.</summary>
    public static double ParseNum(string text, string where)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{where}: '{text}' is not a number");
}
