using System.Globalization;
using System.Text;

namespace HubPlanner.Data.Input;

/// <summary>
/// One problem found in an input file, located precisely enough to fix it without guessing: the file, the
/// 1-based physical line of a CSV file (the header is line 1) or the 0-based index of a GeoJSON feature,
/// and the field, with what was expected.
/// </summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based physical CSV line, or null.</param>
/// <param name="FeatureIndex">0-based index into the GeoJSON <c>features</c> array, or null.</param>
/// <param name="Field">Column or property name, or null when the problem concerns the whole row or file.</param>
/// <param name="Message">What was expected and what was found, as a sentence.</param>
public sealed record InputError(string File, int? Line, int? FeatureIndex, string? Field, string Message)
{
    /// <summary>"file:line 7: field 'lat': expected …" — one line a person can act on.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(File);
        if (Line is { } line)
        {
            sb.Append(CultureInfo.InvariantCulture, $": line {line}");
        }

        if (FeatureIndex is { } index)
        {
            sb.Append(CultureInfo.InvariantCulture, $": feature {index}");
        }

        if (Field is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $": field '{Field}'");
        }

        sb.Append(": ").Append(Message);
        return sb.ToString();
    }
}

/// <summary>
/// Bad input: the files (or arguments) cannot be imported as given. Carries every problem found (up to a
/// cap per file). Thrown before anything is written, so the database is unchanged; the command line maps
/// it to exit code 2.
/// </summary>
public sealed class BadInputException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public BadInputException(IReadOnlyList<InputError> errors)
        : base(Summarise(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a single problem that is not tied to a file location.</summary>
    public BadInputException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Parameterless form required by the exception design rules; prefer the other constructors.</summary>
    public BadInputException()
        : this("bad input")
    {
    }

    /// <summary>Wraps an inner exception; prefer the other constructors.</summary>
    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The located problems (empty when the message alone says it).</summary>
    public IReadOnlyList<InputError> Errors { get; }

    private static string Summarise(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{errors.Count} problem{(errors.Count == 1 ? "" : "s")} in the input; nothing was written:");
        foreach (var e in errors)
        {
            sb.AppendLine().Append("  ").Append(e);
        }

        return sb.ToString();
    }
}

/// <summary>
/// Collects the problems of one file, up to a cap, so that a user sees many at once rather than fixing them
/// one run at a time.
/// </summary>
public sealed class ErrorCollector
{
    /// <summary>How many problems are reported per file before the rest are summarised.</summary>
    public const int DefaultCap = 20;

    private readonly List<InputError> _errors = [];
    private readonly int _cap;
    private int _dropped;

    /// <summary>Creates a collector for <paramref name="file"/>.</summary>
    public ErrorCollector(string file, int cap = DefaultCap)
    {
        File = file;
        _cap = cap;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>True once any problem was recorded.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>True when the cap is reached and further checks are pointless.</summary>
    public bool IsFull => _errors.Count >= _cap;

    /// <summary>Records a problem at a CSV line.</summary>
    public void AtLine(int line, string? field, string message) => Add(new InputError(File, line, null, field, message));

    /// <summary>Records a problem at a GeoJSON feature.</summary>
    public void AtFeature(int index, string? field, string message) => Add(new InputError(File, null, index, field, message));

    /// <summary>Records a problem with the whole file.</summary>
    public void AtFile(string message) => Add(new InputError(File, null, null, null, message));

    /// <summary>The problems, with a closing note if some were left out.</summary>
    public IReadOnlyList<InputError> ToList()
    {
        if (_dropped == 0)
        {
            return _errors.ToList();
        }

        var list = _errors.ToList();
        list.Add(new InputError(File, null, null, null,
            string.Create(CultureInfo.InvariantCulture, $"{_dropped} further problem{(_dropped == 1 ? "" : "s")} not shown")));
        return list;
    }

    /// <summary>Throws <see cref="BadInputException"/> if any problem was recorded.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new BadInputException(ToList());
        }
    }

    private void Add(InputError error)
    {
        if (_errors.Count < _cap)
        {
            _errors.Add(error);
        }
        else
        {
            _dropped++;
        }
    }
}
