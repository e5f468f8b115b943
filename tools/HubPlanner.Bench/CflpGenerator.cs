using System.Globalization;
using System.Text.RegularExpressions;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Bench;

/// <summary>
/// Seeded CFLP instances of the Cornuéjols–Sridharan–Thizy (1991) type: sites and customers uniform in the unit
/// square, demand U[5, 35], capacity U[10, 160] rescaled so that total capacity / total demand is the ratio, fixed
/// cost U[0, 90] + U[100, 110] × √capacity (before rescaling), cost of serving a customer = 10 × distance × demand.
/// Named <c>cornuejols-{sites}x{customers}-r{ratio}-s{seed}</c>.
/// </summary>
internal static partial class CflpGenerator
{
    public static bool TryParse(string name, out int sites, out int customers, out double ratio, out int seed)
    {
        var m = NamePattern().Match(name);
        (sites, customers, ratio, seed) = (0, 0, 0, 0);
        if (!m.Success)
        {
            return false;
        }

        sites = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        customers = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        ratio = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        seed = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
        return true;
    }

    public static PlacementProblem Create(int sites, int customers, double ratio, int seed)
    {
        var rng = new Random(seed);
        var sx = new double[sites];
        var sy = new double[sites];
        var cap = new double[sites];
        var fix = new double[sites];
        for (int j = 0; j < sites; j++)
        {
            sx[j] = rng.NextDouble();
            sy[j] = rng.NextDouble();
            cap[j] = 10 + (150 * rng.NextDouble());
            fix[j] = (90 * rng.NextDouble()) + ((100 + (10 * rng.NextDouble())) * Math.Sqrt(cap[j]));
        }

        var cx = new double[customers];
        var cy = new double[customers];
        var dem = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            cx[i] = rng.NextDouble();
            cy[i] = rng.NextDouble();
            dem[i] = rng.Next(5, 36);
        }

        double scale = ratio * dem.Sum() / cap.Sum();
        return PlacementProblem.Create(
            Enumerable.Range(0, sites).Select(j => new CandidateSite((j + 1).ToString(CultureInfo.InvariantCulture), $"w{j + 1}", fix[j], cap[j] * scale, SiteStatus.Candidate, 0, 0)),
            Enumerable.Range(0, customers).Select(i => new PlacementDemandPoint((i + 1).ToString(CultureInfo.InvariantCulture), $"c{i + 1}", dem[i], dem[i])),
            (j, i) => 10 * Math.Sqrt(((sx[j] - cx[i]) * (sx[j] - cx[i])) + ((sy[j] - cy[i]) * (sy[j] - cy[i]))));
    }

    [GeneratedRegex(@"^cornuejols-(\d+)x(\d+)-r(\d+(?:\.\d+)?)-s(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
