using System.Globalization;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Placement;

namespace HubPlanner.Bench;

/// <summary>spopt's San Francisco case: 16 stores × 205 census tracts, network distance in metres, weight = POP2000.</summary>
internal static class SanFranciscoCase
{
    public static PlacementProblem Load(string dir)
    {
        var population = new Dictionary<string, double>(StringComparer.Ordinal);
        var demandLines = File.ReadAllLines(Path.Combine(dir, "SF_demand_205_centroid_uniform_weight.csv"));
        var header = Split(demandLines[0]);
        int nameCol = Array.IndexOf(header, "NAME"), popCol = Array.IndexOf(header, "POP2000");
        foreach (var line in demandLines.Skip(1).Where(l => l.Length > 0))
        {
            var f = Split(line);
            population[f[nameCol]] = double.Parse(f[popCol], CultureInfo.InvariantCulture);
        }

        var dist = new Dictionary<(string Store, string Tract), double>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "SF_network_distance_candidateStore_16_censusTract_205_new.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = Split(line);
            dist[(f[1], f[2])] = double.Parse(f[0], CultureInfo.InvariantCulture);
        }

        var stores = dist.Keys.Select(k => k.Store).Distinct().Order(StringComparer.Ordinal).ToArray();
        var tracts = dist.Keys.Select(k => k.Tract).Distinct().Order(StringComparer.Ordinal).ToArray();
        var cost = new double[stores.Length, tracts.Length];
        for (int j = 0; j < stores.Length; j++)
        {
            for (int i = 0; i < tracts.Length; i++)
            {
                cost[j, i] = dist.TryGetValue((stores[j], tracts[i]), out double d) ? d : double.PositiveInfinity;
            }
        }

        return PlacementProblem.Create(
            stores.Select(s => new CandidateSite(s, s, 0, double.PositiveInfinity, SiteStatus.Candidate, 0, 0)),
            tracts.Select(t => new PlacementDemandPoint(t, t, population[t], population[t])),
            cost);
    }

    private static string[] Split(string line) => line.Split(',').Select(s => s.Trim().Trim('"')).ToArray();
}
