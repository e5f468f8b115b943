namespace HubPlanner.Core.Geo;

/// <summary>
/// Radar horizon over a smooth Earth with standard refraction (the "4/3 Earth radius" model):
/// d = k (√h_sensor + √h_target) with d in km and heights in metres.
/// </summary>
public static class RadarHorizon
{
    /// <summary>
    /// k = √(2 · 4/3 · R) with R the WGS84 mean radius, converted to km per √m: 4.1218. Textbooks round it
    /// to 4.12; the unrounded value is kept so that 10 m / 100 m gives 54.25 km (54.3 to one decimal).
    /// </summary>
    public static readonly double KmPerSqrtMetre = Math.Sqrt(2 * (4.0 / 3.0) * Wgs84Geodesic.MeanRadius) / 1000;

    /// <summary>Horizon distance in km between a sensor and a target at the given heights above ground (m).</summary>
    public static double DistanceKm(double sensorHeightM, double targetHeightM)
    {
        if (!(sensorHeightM >= 0) || !(targetHeightM >= 0) || double.IsInfinity(sensorHeightM) || double.IsInfinity(targetHeightM))
        {
            throw new ArgumentOutOfRangeException(nameof(sensorHeightM),
                $"Heights must be finite and ≥ 0 m (sensor {sensorHeightM} m, target {targetHeightM} m).");
        }

        return KmPerSqrtMetre * (Math.Sqrt(sensorHeightM) + Math.Sqrt(targetHeightM));
    }

    /// <summary>
    /// Effective detection radius (km) against a target at <paramref name="targetHeightM"/>: the nominal range,
    /// cut by the horizon. A nominal range of 0 means the asset does not cover that domain, and stays 0.
    /// </summary>
    public static double EffectiveRadiusKm(double nominalRadiusKm, double sensorHeightM, double targetHeightM)
        => nominalRadiusKm <= 0 ? 0 : Math.Min(nominalRadiusKm, DistanceKm(sensorHeightM, targetHeightM));
}
