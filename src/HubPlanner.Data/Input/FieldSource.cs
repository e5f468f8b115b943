using System.Globalization;

namespace HubPlanner.Data.Input;

/// <summary>What a raw field held before interpretation.</summary>
internal enum RawKind { Missing, Null, Text, Number, Boolean, Other }

/// <summary>A field's raw value: CSV cells are always text; GeoJSON properties keep their JSON type.</summary>
internal readonly record struct RawValue(RawKind Kind, string? Text = null, double Number = 0, bool Boolean = false)
{
    public string Describe() => Kind switch
    {
        RawKind.Missing => "no such field",
        RawKind.Null => "null",
        RawKind.Text => FieldRules.Found(Text),
        RawKind.Number => "the number " + Number.ToString(CultureInfo.InvariantCulture),
        RawKind.Boolean => Boolean ? "true" : "false",
        _ => Text ?? "a value of another type",
    };
}

/// <summary>
/// Reads typed fields of one record (a CSV row or a GeoJSON feature's properties) and records a located
/// problem for every field that does not fit, returning a harmless default so that the rest of the record
/// is still checked. Callers look at <see cref="Failed"/> to know whether to keep the record.
/// </summary>
internal abstract class FieldSource
{
    private readonly ErrorCollector _errors;

    protected FieldSource(ErrorCollector errors)
    {
        _errors = errors;
    }

    /// <summary>True if any field of this record was rejected.</summary>
    public bool Failed => RejectCount > 0;

    /// <summary>How many problems this record has so far (lets a caller tell whether one field parsed).</summary>
    public int RejectCount { get; private set; }

    /// <summary>Records a problem with a field of this record (also used for cross-field rules).</summary>
    public void Reject(string? field, string message)
    {
        RejectCount++;
        ReportAt(_errors, field, message);
    }

    protected abstract void ReportAt(ErrorCollector errors, string? field, string message);

    protected abstract RawValue Get(string field);

    /// <summary>A non-empty text (trimmed).</summary>
    public string RequiredText(string field)
    {
        var raw = Get(field);
        if (raw.Kind == RawKind.Text && !string.IsNullOrWhiteSpace(raw.Text))
        {
            return WithinLimit(field, raw.Text.Trim());
        }

        Reject(field, "expected a non-empty text, found " + raw.Describe());
        return "";
    }

    /// <summary>A text that may be absent, null or empty (then null).</summary>
    public string? OptionalText(string field)
    {
        var raw = Get(field);
        switch (raw.Kind)
        {
            case RawKind.Missing or RawKind.Null:
                return null;
            case RawKind.Text:
                return string.IsNullOrWhiteSpace(raw.Text) ? null : WithinLimit(field, raw.Text.Trim());
            default:
                Reject(field, "expected a text or nothing, found " + raw.Describe());
                return null;
        }
    }

    /// <summary>An id: a lower-case ASCII slug (<c>[a-z0-9][a-z0-9-]*</c>).</summary>
    public string Slug(string field)
    {
        var raw = Get(field);
        string? text = raw.Kind == RawKind.Text ? raw.Text?.Trim() : null;
        if (text is not null && FieldRules.IsSlug(text))
        {
            if (text.Length <= FieldRules.MaxIdLength)
            {
                return text;
            }

            Reject(field, string.Create(CultureInfo.InvariantCulture,
                $"expected an id of at most {FieldRules.MaxIdLength} characters, found one of {text.Length} characters ({FieldRules.Found(text)})"));
            return "";
        }

        Reject(field, "expected an id of lower-case letters, digits and '-' (e.g. \"lviv-rail\"), found " + raw.Describe());
        return "";
    }

    /// <summary>A finite number within [min, max].</summary>
    public double Number(string field, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        => NumberCore(field, min, max, optional: false) ?? 0;

    /// <summary>A finite number within [min, max], or null when absent/empty/null.</summary>
    public double? OptionalNumber(string field, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        => NumberCore(field, min, max, optional: true);

    /// <summary>A finite number &gt; 0 and ≤ max.</summary>
    public double PositiveNumber(string field, double max = double.PositiveInfinity)
    {
        var raw = Get(field);
        double value = 0;
        bool ok = raw.Kind switch
        {
            RawKind.Text => FieldRules.TryNumber(raw.Text!.Trim(), out value),
            RawKind.Number => double.IsFinite(value = raw.Number),
            _ => false,
        };
        if (ok && value > 0 && value <= max)
        {
            return value;
        }

        string expected = double.IsPositiveInfinity(max)
            ? "a number > 0"
            : string.Create(CultureInfo.InvariantCulture, $"a number > 0 and <= {max}");
        Reject(field, $"expected {expected}, found {raw.Describe()}");
        return 0;
    }

    /// <summary>A whole number within [min, max].</summary>
    public long Integer(string field, long min = long.MinValue, long max = long.MaxValue)
    {
        var raw = Get(field);
        string expected = FieldRules.Range(min == long.MinValue ? double.NegativeInfinity : min,
            max == long.MaxValue ? double.PositiveInfinity : max, integer: true);
        long value;
        bool ok = raw.Kind switch
        {
            RawKind.Text => FieldRules.TryLong(raw.Text!.Trim(), out value),
            RawKind.Number => IsWhole(raw.Number, out value),
            _ => Fail(out value),
        };
        if (!ok || value < min || value > max)
        {
            Reject(field, $"expected {expected}, found {raw.Describe()}");
            return 0;
        }

        return value;
    }

    /// <summary>A boolean: <c>true</c>/<c>false</c>.</summary>
    public bool Boolean(string field) => BooleanCore(field, optional: false) ?? false;

    /// <summary>A boolean, or null when absent/empty/null.</summary>
    public bool? OptionalBoolean(string field) => BooleanCore(field, optional: true);

    /// <summary>One of the snake_case names of <typeparamref name="T"/>.</summary>
    public T Enum<T>(string field)
        where T : struct, Enum
    {
        var raw = Get(field);
        if (raw.Kind == RawKind.Text && FieldRules.TryEnum(raw.Text!.Trim(), out T value))
        {
            return value;
        }

        Reject(field, $"expected {FieldRules.OneOf<T>()}, found {raw.Describe()}");
        return default;
    }

    /// <summary>A WGS84 longitude in degrees.</summary>
    public double Longitude(string field = "lon")
        => Number(field, -180, 180);

    /// <summary>A WGS84 latitude in degrees.</summary>
    public double Latitude(string field = "lat")
        => Number(field, -90, 90);

    private double? NumberCore(string field, double min, double max, bool optional)
    {
        var raw = Get(field);
        double value;
        switch (raw.Kind)
        {
            case RawKind.Missing or RawKind.Null when optional:
                return null;
            case RawKind.Text when optional && string.IsNullOrWhiteSpace(raw.Text):
                return null;
            case RawKind.Text when FieldRules.TryNumber(raw.Text!.Trim(), out value):
            case RawKind.Number when double.IsFinite(value = raw.Number):
                if (value >= min && value <= max)
                {
                    return value;
                }

                break;
        }

        Reject(field, $"expected {FieldRules.Range(min, max)}{(optional ? " or nothing" : "")}, found {raw.Describe()}");
        return optional ? null : 0;
    }

    /// <summary>Returns the text if it fits the text limit, else rejects it (and returns an empty text).</summary>
    private string WithinLimit(string field, string text)
    {
        if (text.Length <= FieldRules.MaxTextLength)
        {
            return text;
        }

        Reject(field, string.Create(CultureInfo.InvariantCulture,
            $"expected a text of at most {FieldRules.MaxTextLength} characters, found one of {text.Length} characters ({FieldRules.Found(text)})"));
        return "";
    }

    private bool? BooleanCore(string field, bool optional)
    {
        var raw = Get(field);
        switch (raw.Kind)
        {
            case RawKind.Missing or RawKind.Null when optional:
                return null;
            case RawKind.Text when optional && string.IsNullOrWhiteSpace(raw.Text):
                return null;
            case RawKind.Boolean:
                return raw.Boolean;
            case RawKind.Text when string.Equals(raw.Text!.Trim(), "true", StringComparison.OrdinalIgnoreCase):
                return true;
            case RawKind.Text when string.Equals(raw.Text!.Trim(), "false", StringComparison.OrdinalIgnoreCase):
                return false;
        }

        Reject(field, $"expected true or false{(optional ? " or nothing" : "")}, found {raw.Describe()}");
        return optional ? null : false;
    }

    private static bool IsWhole(double number, out long value)
    {
        if (Math.Floor(number) == number && Math.Abs(number) < 9e15)
        {
            value = (long)number;
            return true;
        }

        value = 0;
        return false;
    }

    private static bool Fail(out long value)
    {
        value = 0;
        return false;
    }
}
