namespace HubPlanner.Core.Allocation;

/// <summary>Deploys the units an allocation left in stock, for redundancy and hub point defence.</summary>
public static class RedundancyFill
{
    /// <summary>
    /// The MIP maximises weight covered at least once, so units that add no first cover stay in stock. A planner
    /// deploys them anyway: place each remaining unit, heaviest cover first, where it adds the most weight of
    /// cells covered fewer than three times, within hub capacity. Greedy, deterministic (ties by hub order).
    /// </summary>
    public static (IReadOnlyList<HubAllocation> Units, int Extra) Fill(AllocationProblem instance, AllocationResult result)
    {
        int nh = instance.Hubs.Count, nt = instance.Types.Count, nc = instance.Cells.Count;
        var n = new int[nh, nt];
        var load = new double[nh];
        var count = new int[nc];
        foreach (var u in result.Units)
        {
            int h = instance.Hubs.ToList().FindIndex(x => x.Id == u.HubId), t = instance.Types.ToList().FindIndex(x => x.TypeId == u.TypeId);
            n[h, t] += u.Units;
            load[h] += u.Units * instance.Types[t].WeightT;
            for (int c = 0; c < nc; c++)
            {
                count[c] += instance.Covers[h, t, c] ? u.Units : 0;
            }
        }

        int extra = 0;
        for (int t = 0; t < nt; t++)
        {
            int left = instance.Types[t].Inventory - Enumerable.Range(0, nh).Sum(h => n[h, t]);
            while (left > 0)
            {
                int best = -1;
                double bestGain = 0;
                for (int h = 0; h < nh; h++)
                {
                    if (load[h] + instance.Types[t].WeightT > instance.Hubs[h].CapacityT + 1e-9)
                    {
                        continue;
                    }

                    double gain = 0;
                    for (int c = 0; c < nc; c++)
                    {
                        if (instance.Covers[h, t, c] && count[c] < 3)
                        {
                            gain += instance.Cells[c].Weight / (1 + count[c]);
                        }
                    }

                    if (gain > bestGain + 1e-12)
                    {
                        best = h;
                        bestGain = gain;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                n[best, t]++;
                load[best] += instance.Types[t].WeightT;
                for (int c = 0; c < nc; c++)
                {
                    count[c] += instance.Covers[best, t, c] ? 1 : 0;
                }

                left--;
                extra++;
            }
        }

        // Units that add no area cover at all (short-range air defence, whose radius is below the cell spacing)
        // protect the hubs themselves: spread them round-robin over the hubs that still have room.
        for (int t = 0; t < nt; t++)
        {
            if (instance.Types[t].AirRadiusKm <= 0)
            {
                continue; // a coastal radar far from the coast protects nothing: it stays in stock
            }

            int left = instance.Types[t].Inventory - Enumerable.Range(0, nh).Sum(h => n[h, t]);
            for (int round = 0; left > 0 && round < instance.Types[t].Inventory; round++)
            {
                bool placed = false;
                for (int h = 0; h < nh && left > 0; h++)
                {
                    if (load[h] + instance.Types[t].WeightT <= instance.Hubs[h].CapacityT + 1e-9)
                    {
                        n[h, t]++;
                        load[h] += instance.Types[t].WeightT;
                        left--;
                        extra++;
                        placed = true;
                    }
                }

                if (!placed)
                {
                    break;
                }
            }
        }

        var units = new List<HubAllocation>();
        for (int h = 0; h < nh; h++)
        {
            for (int t = 0; t < nt; t++)
            {
                if (n[h, t] > 0)
                {
                    units.Add(new HubAllocation(instance.Hubs[h].Id, instance.Types[t].TypeId, n[h, t], n[h, t] * instance.Types[t].WeightT));
                }
            }
        }

        return (units, extra);
    }
}
