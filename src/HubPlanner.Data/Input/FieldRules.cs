using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HubPlanner.Data.Input;

/// <summary>
/// The value rules of <c>data/FORMAT.md</c>, shared by the CSV and GeoJSON readers so that both say the same
/// thing about the same mistake.
/// </summary>
internal static partial class FieldRules
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    /// <summary>The longest id (slug) a file may hold (data/FORMAT.md).</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest text (name, oblast, road ref, …) a file may hold (data/FORMAT.md).</summary>
    public const int MaxTextLength = 256;

    /// <summary>Ids are lower-case ASCII slugs.</summary>
    public static bool IsSlug(string text) => SlugPattern().IsMatch(text);

    /// <summary>A finite number with '.' as the decimal separator (no thousands separators, no NaN).</summary>
    public static bool TryNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>A whole number written as digits (optionally signed).</summary>
    public static bool TryLong(string text, out long value)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a snake_case word (<c>border_crossing</c>) into the enum member (<c>BorderCrossing</c>).</summary>
    public static bool TryEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        // Exact snake_case names only: Enum.TryParse would also take "1" or "Port".
        return EnumNames<T>.BySnake.TryGetValue(text, out value);
    }

    private static class EnumNames<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<string, T> BySnake =
            Enum.GetValues<T>().ToDictionary(v => Snake(v), v => v, StringComparer.Ordinal);
    }

    /// <summary>The snake_case spelling of an enum member, as stored and as written in the dataset files.</summary>
    public static string Snake<T>(T value)
        where T : struct, Enum
    {
        string name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>"one of airfield, rail, port" for messages.</summary>
    public static string OneOf<T>()
        where T : struct, Enum
        => "one of " + string.Join(", ", Enum.GetValues<T>().Select(Snake));

    /// <summary>Quotes a found value for a message, shortening very long ones.</summary>
    public static string Found(string? text)
    {
        if (text is null)
        {
            return "nothing";
        }

        if (text.Length == 0)
        {
            return "an empty cell";
        }

        string shown = text.Length > 40 ? text[..40] + "…" : text;
        return "\"" + shown + "\"";
    }

    /// <summary>Describes a numeric range for a message: "a number ≥ 0", "a number between -90 and 90".</summary>
    public static string Range(double min, double max, bool integer = false)
    {
        string kind = integer ? "a whole number" : "a number";
        if (double.IsNegativeInfinity(min) && double.IsPositiveInfinity(max))
        {
            return kind;
        }

        if (double.IsPositiveInfinity(max))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{kind} >= {min}");
        }

        if (double.IsNegativeInfinity(min))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{kind} <= {max}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kind} between {min} and {max}");
    }
}
