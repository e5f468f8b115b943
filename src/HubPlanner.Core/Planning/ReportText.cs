using System.Globalization;

namespace HubPlanner.Core.Planning;

/// <summary>Numbers in stage messages: invariant culture, so a report reads the same on every machine.</summary>
internal static class ReportText
{
    public static string Num(double v, string format = "0.#") => v.ToString(format, CultureInfo.InvariantCulture);
}
