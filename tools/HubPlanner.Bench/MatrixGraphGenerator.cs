using HubPlanner.Core.Roads;

namespace HubPlanner.Bench;

/// <summary>
/// A synthetic road-like network: a perturbed grid (1 km cells, jittered nodes, about a third of local links missing
/// so the average degree is ~2.7), every 16th row and column a fast road (90–110 km/h vs 30–70 locally), and 6 % of
/// local links one-way. Seeded, so a run is reproducible.
/// </summary>
internal static class MatrixGraphGenerator
{
    public static CostGraph Generate(int nodes, int seed)
    {
        var rng = new Random(seed);
        int side = (int)Math.Ceiling(Math.Sqrt(nodes));
        var x = new double[nodes];
        var y = new double[nodes];
        for (int v = 0; v < nodes; v++)
        {
            x[v] = ((v % side) * 1000.0) + ((rng.NextDouble() - 0.5) * 600);
            y[v] = ((v / side) * 1000.0) + ((rng.NextDouble() - 0.5) * 600);
        }

        var tails = new List<int>(nodes * 3);
        var heads = new List<int>(nodes * 3);
        var weights = new List<long>(nodes * 3);
        for (int v = 0; v < nodes; v++)
        {
            int col = v % side, row = v / side;
            Link(v, col + 1 < side ? v + 1 : -1, row % 16 == 0);
            Link(v, v + side, col % 16 == 0);
        }

        return CostGraph.Create(nodes, tails.ToArray(), heads.ToArray(), weights.ToArray());

        void Link(int a, int b, bool fast)
        {
            if (b < 0 || b >= nodes)
            {
                return;
            }

            if (!fast && rng.NextDouble() < 0.33)
            {
                return;
            }

            double length = Math.Sqrt(((x[a] - x[b]) * (x[a] - x[b])) + ((y[a] - y[b]) * (y[a] - y[b]))) * (1 + (rng.NextDouble() * 0.2));
            double speed = fast ? 90 + (rng.NextDouble() * 20) : 30 + (rng.NextDouble() * 40);
            long cost = RoadCost.Pack(RoadCost.DriveTimeMs(length, speed), (long)Math.Round(length));
            bool oneWay = !fast && rng.NextDouble() < 0.06;
            bool reversed = rng.NextDouble() < 0.5;
            if (!oneWay || !reversed)
            {
                tails.Add(a);
                heads.Add(b);
                weights.Add(cost);
            }

            if (!oneWay || reversed)
            {
                tails.Add(b);
                heads.Add(a);
                weights.Add(cost);
            }
        }
    }
}
