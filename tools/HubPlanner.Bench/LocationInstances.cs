using System.Globalization;

namespace HubPlanner.Bench;

/// <summary>Readers of the OR-Library and spopt location instances (formats in bench/location/MANIFEST.md).</summary>
internal static class LocationInstances
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n'];

    /// <summary>OR-Library p-median: builds the graph (a later duplicate edge overwrites an earlier one), then Floyd–Warshall.</summary>
    public static (double[,] Distance, int P) ReadPMedian(string path)
    {
        var tok = Tokens(path);
        int n = (int)tok[0], m = (int)tok[1], p = (int)tok[2];
        var d = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                d[a, b] = a == b ? 0 : double.PositiveInfinity;
            }
        }

        for (int e = 0; e < m; e++)
        {
            int i = (int)tok[3 + 3 * e] - 1, j = (int)tok[4 + 3 * e] - 1;
            double c = tok[5 + 3 * e];
            d[i, j] = c;
            d[j, i] = c;
        }

        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                double dik = d[i, k];
                if (double.IsPositiveInfinity(dik))
                {
                    continue;
                }

                for (int j = 0; j < n; j++)
                {
                    double v = dik + d[k, j];
                    if (v < d[i, j])
                    {
                        d[i, j] = v;
                    }
                }
            }
        }

        return (d, p);
    }

    /// <summary>pmedopt.txt / capopt.txt: "name value" pairs (other columns ignored).</summary>
    public static Dictionary<string, double> ReadOptima(string path)
    {
        var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                map[parts[0]] = v;
            }
        }

        return map;
    }

    /// <summary>OR-Library capacitated warehouse location.</summary>
    public static (double[] Capacity, double[] Fixed, double[] Demand, double[,] Cost) ReadCap(string path)
    {
        var tok = Tokens(path);
        int m = (int)tok[0], n = (int)tok[1];
        int k = 2;
        var cap = new double[m];
        var fix = new double[m];
        for (int j = 0; j < m; j++)
        {
            cap[j] = tok[k++];
            fix[j] = tok[k++];
        }

        var dem = new double[n];
        var cost = new double[m, n];
        for (int i = 0; i < n; i++)
        {
            dem[i] = tok[k++];
            for (int j = 0; j < m; j++)
            {
                cost[j, i] = tok[k++];
            }
        }

        return (cap, fix, dem, cost);
    }

    private static double[] Tokens(string path)
    {
        var list = new List<double>();
        foreach (var line in File.ReadLines(path))
        {
            foreach (var t in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                // OR-Library cap files write the capacity of cap101-104 as "capacity"; anything non-numeric is skipped.
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    list.Add(v);
                }
            }
        }

        return list.ToArray();
    }
}
