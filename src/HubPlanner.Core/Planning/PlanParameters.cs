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

    /// <summary>
    /// The documented range of every numeric key (inclusive), with its unit: values outside are refused naming the key
    /// and the range. The bounds are sanity limits for a theatre the size of Ukraine (~1,300 × 900 km), not tuning
    /// advice; <c>hubs</c> is further limited to the number of candidate sites when the plan runs.
    /// </summary>
    public static IReadOnlyList<ParameterRange> Ranges { get; } =
    [
        new("hubs", 1, 500, "hubs"),
        new("service_km", 1, 3000, "km"),
        new("min_spacing_km", 0, 1000, "km"),
        new("standoff_km", 0, 500, "km"),
        new("budget", 0, 1e9, "k€ (or none)"),
        new("placement_time_limit_s", 0.01, 86_400, "s"),
        new("allocation_time_limit_s", 0.01, 86_400, "s"),
        new("routing_time_limit_s", 0.01, 86_400, "s"),
        new("whatif_time_limit_s", 0.01, 86_400, "s"),
        new("seed", int.MinValue, int.MaxValue, "(any integer)"),
        new("cell_km", 1, 500, "km"),
        new("bands_m", 1, 50_000, "m, each of 1–10 comma-separated altitudes"),
        new("min_gap_km2", 0, 1e6, "km²"),
        new("supply_days", 0, 90, "days"),
        new("supply_load_t", 0.1, 100, "t"),
        new("horizon_h", 1, 720, "h"),
        new("crews", 1, 4, "drivers per vehicle"),
        new("urban_standoff_km", 0, 100, "km"),
    ];

    /// <summary>One line per key with its range, for help texts and the README.</summary>
    public static string RangesText => string.Join("; ", Keys.Select(k => Ranges.FirstOrDefault(r => r.Key == k) is { } r
        ? r.Describe()
        : k == "model" ? $"model: {string.Join("|", Models)}" : $"{k}: true|false"));

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

        void InRange(string key, double value)
        {
            var range = Ranges.First(r => r.Key == key);
            if (!range.Contains(value))
            {
                e.Add($"parameter {key} is {value.ToString("G", CultureInfo.InvariantCulture)}; expected {range.Describe()}");
            }
        }

        InRange("hubs", Hubs);
        InRange("service_km", ServiceKm);
        InRange("min_spacing_km", MinSpacingKm);
        InRange("standoff_km", StandoffKm);
        if (Budget is { } budget)
        {
            InRange("budget", budget);
        }

        InRange("placement_time_limit_s", PlacementTimeLimitS);
        InRange("allocation_time_limit_s", AllocationTimeLimitS);
        InRange("routing_time_limit_s", RoutingTimeLimitS);
        InRange("whatif_time_limit_s", WhatIfTimeLimitS);
        InRange("cell_km", CellKm);
        InRange("min_gap_km2", MinGapKm2);
        InRange("supply_days", SupplyDays);
        InRange("supply_load_t", SupplyLoadT);
        InRange("horizon_h", HorizonH);
        InRange("crews", Crews);
        InRange("urban_standoff_km", UrbanStandoffKm);
        if (BandsM.Count is 0 or > 10)
        {
            e.Add($"parameter bands_m has {BandsM.Count} altitudes; expected 1 to 10");
        }

        foreach (double band in BandsM)
        {
            InRange("bands_m", band);
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

/// <summary>The documented range of one numeric plan parameter (inclusive).</summary>
public sealed record ParameterRange(string Key, double Min, double Max, string Unit)
{
    /// <summary>True when <paramref name="value"/> is a finite number within [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public bool Contains(double value) => double.IsFinite(value) && value >= Min && value <= Max;

    /// <summary>"cell_km: 1 to 500 km".</summary>
    public string Describe() => Key == "seed"
        ? $"{Key}: any integer"
        : $"{Key}: {Min.ToString("G", CultureInfo.InvariantCulture)} to {Max.ToString("G", CultureInfo.InvariantCulture)} {Unit}";
}
