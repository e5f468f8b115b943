using System.Globalization;
using HubPlanner.Core.Domain;

namespace HubPlanner.Core.Placement;

/// <summary>
/// What the side constraints say about each site before any model is built: which sites may open, which
/// must, which pairs violate the minimum spacing. Shared by every model and by the diagnostics.
/// </summary>
internal sealed class PlacementContext
{
    public PlacementContext(PlacementProblem problem, PlacementOptions options, PlacementModelEntry model)
    {
        Problem = problem;
        Options = options;
        Model = model;
        int m = problem.SiteCount;
        Eligible = new bool[m];
        MustOpen = new bool[m];
        var reasons = new List<SiteIneligibility>();
        var extra = problem.Ineligible.ToLookup(e => e.SiteId, StringComparer.Ordinal);
        for (int j = 0; j < m; j++)
        {
            var s = problem.Sites[j];
            MustOpen[j] = s.Status is SiteStatus.Forced or SiteStatus.Existing;
            Eligible[j] = s.Status != SiteStatus.Forbidden && !extra[s.Id].Any();
            if (s.Status == SiteStatus.Forbidden)
            {
                reasons.Add(new SiteIneligibility(s.Id, $"site {s.Name} is forbidden"));
            }

            reasons.AddRange(extra[s.Id]);
        }

        IneligibleSites = reasons;
        var conflicts = new List<(int, int)>();
        if (options.MinSpacingKm is { } minKm && minKm > 0)
        {
            for (int a = 0; a < m; a++)
            {
                if (!Eligible[a] && !MustOpen[a])
                {
                    continue;
                }

                for (int b = a + 1; b < m; b++)
                {
                    if ((Eligible[b] || MustOpen[b]) && problem.SpacingKm(a, b) < minKm)
                    {
                        conflicts.Add((a, b));
                    }
                }
            }
        }

        SpacingConflicts = conflicts;
    }

    private PlacementContext(PlacementContext source, bool[] eligible, bool[] mustOpen)
    {
        Problem = source.Problem;
        Options = source.Options;
        Model = source.Model;
        Eligible = eligible;
        MustOpen = mustOpen;
        IneligibleSites = source.IneligibleSites;
        SpacingConflicts = source.SpacingConflicts;
    }

    /// <summary>A copy with sites fixed closed or open by a reduction test (not reported as ineligible).</summary>
    public PlacementContext WithFixings(bool[] eligible, bool[] mustOpen) => new(this, eligible, mustOpen);

    public PlacementProblem Problem { get; }

    public PlacementOptions Options { get; }

    /// <summary>The catalog entry of the model being solved.</summary>
    public PlacementModelEntry Model { get; }

    /// <summary>Site may be opened (not forbidden, no ineligibility reason).</summary>
    public bool[] Eligible { get; }

    /// <summary>Site is forced or existing.</summary>
    public bool[] MustOpen { get; }

    public IReadOnlyList<SiteIneligibility> IneligibleSites { get; }

    /// <summary>Pairs of sites closer than the minimum spacing.</summary>
    public IReadOnlyList<(int A, int B)> SpacingConflicts { get; }

    /// <summary>Site may be open in a solution (eligible, and not in conflict with its own status).</summary>
    public bool CanOpen(int j) => Eligible[j];

    /// <summary>True when site j covers demand i within the service distance.</summary>
    public bool Covers(int j, int i) =>
        Eligible[j] && Problem.Cost[j, i] <= (Options.ServiceDistance ?? double.PositiveInfinity) + 1e-9;

    public static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
