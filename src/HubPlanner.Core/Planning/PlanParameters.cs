using System.Globalization;
using HubPlanner.Core.Placement;

namespace HubPlanner.Core.Planning;

/// <summary>
/// Tunable parameters of a plan. Every one can be set from a scenario edit (<c>--param key=value</c>); the
/// keys are the snake_case names listed in <see cref="Keys"/>.
/// </summary>
public sealed record PlanParameters
{
    /// <summary>Placement model: one of <see cref="Models"/> (pmedian, pcenter, mclp, lscp, cflp, robust, backup).</summary>
    public string Model { get; init; } = PlacementModel.PMedian.Name;

    /// <summary>Number of hubs to open (p).</summary>
    public int Hubs { get; init; } = 8;

    /// <summary>Service distance (road km) for covering models.</summary>
    public double ServiceKm { get; init; } = 250;

    /// <summary>Minimum road-independent (geodesic) spacing between open hubs, km.</summary>
    public double MinSpacingKm { get; init; } = 60;

    /// <summary>Sites closer than this to an exclusion zone are ineligible, km.</summary>
    public double StandoffKm { get; init; } = 30;

    /// <summary>Sites closer than this to the edge of an urban area (approximate disc by population) are ineligible, km (0: only sites inside a disc).</summary>
    public double UrbanStandoffKm { get; init; } = 10;

    /// <summary>Budget on the fixed costs of open hubs (k€); null for none.</summary>
    public double? Budget { get; init; }

    /// <summary>Time limit of the placement solver, s.</summary>
    public double PlacementTimeLimitS { get; init; } = 10;

    /// <summary>Time limit of the equipment allocation solver, s.</summary>
    public double AllocationTimeLimitS { get; init; } = 10;

    /// <summary>Time limit of the routing search, s.</summary>
    public double RoutingTimeLimitS { get; init; } = 10;

    /// <summary>Cap on each solver stage's time limit when re-planning a what-if from a planned parent (warm start), s.</summary>
    public double WhatIfTimeLimitS { get; init; } = 4;

    /// <summary>Seed of every randomised search.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Grid cell size of the airspace / coastal demand cells for allocation, km.</summary>
    public double CellKm { get; init; } = 30;

    /// <summary>Target altitude bands for coverage, m.</summary>
    public IReadOnlyList<double> BandsM { get; init; } = [100, 1000, 10000];

    /// <summary>Gaps smaller than this are not listed, km².</summary>
    public double MinGapKm2 { get; init; } = 500;

    /// <summary>Days of the served demand points' supply demand to deliver to each hub (0: equipment only).</summary>
    public double SupplyDays { get; init; } = 1;

    /// <summary>Supplies travel in loads of this many tonnes.</summary>
    public double SupplyLoadT { get; init; } = 20;

    /// <summary>Every delivery must be made within this many hours of the start.</summary>
    public double HorizonH { get; init; } = 72;

    /// <summary>Drivers per vehicle: a route may last the vehicle's shift × crews (convoys run with relief drivers).</summary>
    public int Crews { get; init; } = 2;

    /// <summary>Keep the parent scenario's hubs and equipment (minus removed sites) instead of re-optimising:
    /// answers "what do we lose if …" exactly.</summary>
    public bool Freeze { get; init; }

    /// <summary>The keys <see cref="With"/> accepts.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "model", "hubs", "service_km", "min_spacing_km", "standoff_km", "budget", "placement_time_limit_s",
        "allocation_time_limit_s", "routing_time_limit_s", "whatif_time_limit_s", "seed", "cell_km", "bands_m", "min_gap_km2", "freeze",
        "supply_days", "supply_load_t", "horizon_h", "crews", "urban_standoff_km",
    ];

    /// <summary>The placement models <see cref="Model"/> accepts: the plannable entries of the placement model catalog.</summary>
    public static IReadOnlyList<string> Models { get; } = PlacementModelCatalog.Default.PlannableNames;

    /// <summary>Returns a copy with one parameter set from text; throws <see cref="PlanningInputException"/>
    /// naming the key and what was expected.</summary>
    public PlanParameters With(string key, string value)
    {
        var p = key.Trim().ToLowerInvariant() switch
        {
            "model" => this with { Model = value.Trim().ToLowerInvariant() },
            "hubs" => this with { Hubs = ParseInt(key, value) },
            "service_km" => this with { ServiceKm = ParseDouble(key, value) },
            "min_spacing_km" => this with { MinSpacingKm = ParseDouble(key, value) },
            "standoff_km" => this with { StandoffKm = ParseDouble(key, value) },
            "budget" => this with { Budget = value is "" or "none" ? null : ParseDouble(key, value) },
            "placement_time_limit_s" => this with { PlacementTimeLimitS = ParseDouble(key, value) },
            "allocation_time_limit_s" => this with { AllocationTimeLimitS = ParseDouble(key, value) },
            "routing_time_limit_s" => this with { RoutingTimeLimitS = ParseDouble(key, value) },
            "whatif_time_limit_s" => this with { WhatIfTimeLimitS = ParseDouble(key, value) },
            "seed" => this with { Seed = ParseInt(key, value) },
            "cell_km" => this with { CellKm = ParseDouble(key, value) },
            "bands_m" => this with { BandsM = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => ParseDouble(key, v)).ToArray() },
            "min_gap_km2" => this with { MinGapKm2 = ParseDouble(key, value) },
            "freeze" => this with { Freeze = ParseBool(key, value) },
            "supply_days" => this with { SupplyDays = ParseDouble(key, value) },
            "supply_load_t" => this with { SupplyLoadT = ParseDouble(key, value) },
            "horizon_h" => this with { HorizonH = ParseDouble(key, value) },
            "crews" => this with { Crews = ParseInt(key, value) },
            "urban_standoff_km" => this with { UrbanStandoffKm = ParseDouble(key, value) },
            _ => throw new PlanningInputException([$"unknown parameter '{key}'; expected one of: {string.Join(", ", Keys)}"]),
        };
        var problems = p.Check();
        if (problems.Count > 0)
        {
            throw new PlanningInputException(problems);
        }

        return p;
    }

    /// <summary>Every value out of range, one sentence each.</summary>
    public IReadOnlyList<string> Check()
    {
        var e = new List<string>();
        if (!Models.Contains(Model))
        {
            e.Add($"parameter model is '{Model}'; expected one of: {string.Join(", ", Models)}");
        }

        if (Hubs < 1)
        {
            e.Add($"parameter hubs is {Hubs}; expected at least 1");
        }

        if (ServiceKm <= 0 || MinSpacingKm < 0 || StandoffKm < 0 || CellKm <= 0 || MinGapKm2 < 0)
        {
            e.Add("parameters service_km and cell_km must be > 0; min_spacing_km, standoff_km and min_gap_km2 must be ≥ 0");
        }

        if (UrbanStandoffKm < 0)
        {
            e.Add($"parameter urban_standoff_km is {UrbanStandoffKm}; expected ≥ 0");
        }

        if (Budget is < 0)
        {
            e.Add($"parameter budget is {Budget}; expected ≥ 0 or none");
        }

        if (PlacementTimeLimitS <= 0 || AllocationTimeLimitS <= 0 || RoutingTimeLimitS <= 0 || WhatIfTimeLimitS <= 0)
        {
            e.Add("time limits must be > 0 s");
        }

        if (SupplyDays < 0 || SupplyLoadT <= 0 || HorizonH <= 0 || Crews < 1)
        {
            e.Add("parameters supply_days ≥ 0, supply_load_t > 0, horizon_h > 0 and crews ≥ 1 are required");
        }

        if (BandsM.Count == 0 || BandsM.Any(b => b <= 0))
        {
            e.Add("parameter bands_m needs at least one altitude > 0 m");
        }

        return e;
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new PlanningInputException([$"parameter {key} is '{value}'; expected an integer"]);

    private static double ParseDouble(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new PlanningInputException([$"parameter {key} is '{value}'; expected a number"]);

    private static bool ParseBool(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new PlanningInputException([$"parameter {key} is '{value}'; expected true or false"]),
    };
}
