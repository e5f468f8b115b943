using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace HubPlanner.Data.Input;

/// <summary>One data row of a CSV file with its 1-based physical line (the header is line 1).</summary>
internal sealed class CsvRow : FieldSource
{
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly string[] _cells;

    public CsvRow(ErrorCollector errors, int line, IReadOnlyDictionary<string, int> columns, string[] cells)
        : base(errors)
    {
        Line = line;
        _columns = columns;
        _cells = cells;
    }

    /// <summary>1-based physical line where the record starts.</summary>
    public int Line { get; }

    protected override void ReportAt(ErrorCollector errors, string? field, string message) => errors.AtLine(Line, field, message);

    protected override RawValue Get(string field)
        => _columns.TryGetValue(field, out int i) && i < _cells.Length
            ? new RawValue(RawKind.Text, _cells[i])
            : new RawValue(RawKind.Missing);
}

/// <summary>
/// Reads a CSV file of <c>data/FORMAT.md</c> (header row, RFC 4180 quoting) and checks its shape: not empty,
/// the header names exactly the expected columns (any order), every row has as many cells as the header.
/// Shape problems are recorded in the collector; the rows that have the right shape are returned.
/// </summary>
internal static class CsvTable
{
    /// <summary>Reads <paramref name="path"/>; problems go to <paramref name="errors"/>.</summary>
    /// <param name="required">Columns that must be present.</param>
    /// <param name="optional">Columns that may be present.</param>
    public static IReadOnlyList<CsvRow> Read(string path, ErrorCollector errors, IReadOnlyList<string> required,
        IReadOnlyList<string>? optional = null)
    {
        optional ??= [];
        string expectedHeader = string.Join(",", required);
        string? text;
        try
        {
            text = Utf8Input.Decode(File.ReadAllBytes(path), errors);
            if (text is null)
            {
                return [];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.AtFile("cannot be read: " + e.Message);
            return [];
        }

        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            errors.AtFile($"is empty; expected a header row '{expectedHeader}' and at least one data row");
            return [];
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            BadDataFound = null,
        };

        var rows = new List<CsvRow>();
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        Dictionary<string, int>? columns = null;
        int headerWidth = 0;
        try
        {
            while (parser.Read())
            {
                string[] cells = parser.Record ?? [];
                int line = StartLine(parser);
                if (columns is null)
                {
                    columns = CheckHeader(cells, line, errors, required, optional, expectedHeader);
                    headerWidth = cells.Length;
                    if (columns is null)
                    {
                        return [];
                    }

                    continue;
                }

                if (cells.Length != headerWidth)
                {
                    errors.AtLine(line, null, string.Create(CultureInfo.InvariantCulture,
                        $"expected {headerWidth} comma-separated cells as in the header, found {cells.Length}"));
                    continue;
                }

                rows.Add(new CsvRow(errors, line, columns, cells));
            }
        }
        catch (CsvHelperException e)
        {
            errors.AtLine(parser.RawRow, null, "is not valid CSV (check the quoting): " + FirstLine(e.Message));
            return [];
        }

        if (columns is not null && rows.Count == 0 && !errors.HasErrors)
        {
            errors.AtFile("has a header but no data rows");
        }

        return rows;
    }

    private static Dictionary<string, int>? CheckHeader(string[] cells, int line, ErrorCollector errors,
        IReadOnlyList<string> required, IReadOnlyList<string> optional, string expectedHeader)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (int i = 0; i < cells.Length; i++)
        {
            string name = cells[i].Trim().TrimStart('\uFEFF');
            if (!required.Contains(name) && !optional.Contains(name))
            {
                problems.Add($"unexpected column '{name}'");
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add($"column '{name}' appears twice");
            }
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Insert(0, "missing column" + (missing.Count == 1 ? " '" : "s '") + string.Join("', '", missing) + "'");
        }

        if (problems.Count == 0)
        {
            return columns;
        }

        errors.AtLine(line, null, $"wrong header: {string.Join("; ", problems)}; expected '{expectedHeader}'"
            + (optional.Count > 0 ? $" (optional: {string.Join(",", optional)})" : ""));
        return null;
    }

    /// <summary>
    /// CsvHelper's RawRow is the physical line on which the current record ends; a quoted cell may span
    /// lines, so step back by the line breaks inside the record to name the line where it starts.
    /// </summary>
    private static int StartLine(CsvParser parser)
    {
        string raw = parser.RawRecord.TrimEnd('\r', '\n');
        int inner = raw.Count(c => c == '\n');
        return parser.RawRow - inner;
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return (nl < 0 ? message : message[..nl]).Trim();
    }
}
