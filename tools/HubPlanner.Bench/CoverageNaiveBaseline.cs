using HubPlanner.Core.Coverage;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace HubPlanner.Bench;

/// <summary>
/// The naive way to answer the coverage questions, as a baseline: discs rebuilt for every band, coverage by
/// iterative pairwise union, k-coverage by iterative layers (L_k ∪= L_{k-1} ∩ D), per-hub loss by re-uniting
/// all other hubs' discs once per hub. Same disc polygons and same projection as the real stage, so the
/// numbers must agree.
/// </summary>
internal static class CoverageNaiveBaseline
{
    public sealed record DomainResult(double CoveredKm2, double[] AtLeastKm2, Dictionary<string, double> LossKm2, int GapCount);

    public static List<(DomainResult Air, DomainResult Coastal)> Run(CoverageProblem problem, CoverageOptions options, int? lossSampleHubs,
        out int lossHubsMeasured)
    {
        var projection = UkraineEqualArea.Instance;
        var air = Fix(projection.Project(problem.Airspace));
        var coastal = problem.CoastalZone.IsEmpty ? GeoFactory.Metric.CreatePolygon() : Fix(projection.Project(problem.CoastalZone));
        var result = new List<(DomainResult, DomainResult)>();
        lossHubsMeasured = 0;
        foreach (double band in problem.BandsM)
        {
            var a = Domain(problem, options, band, CoverageDomain.Airspace, air, lossSampleHubs, out int m1);
            var c = Domain(problem, options, band, CoverageDomain.Coastal, coastal, lossSampleHubs, out _);
            lossHubsMeasured = m1;
            result.Add((a, c));
        }

        return result;
    }

    private static Geometry Fix(Geometry g) => g.IsValid ? g : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(g);

    private static DomainResult Domain(CoverageProblem problem, CoverageOptions options, double band, CoverageDomain domain,
        Geometry region, int? lossSampleHubs, out int lossHubsMeasured)
    {
        var discs = new List<(string Hub, Polygon Disc)>();
        foreach (var asset in problem.Assets)
        {
            double nominal = domain == CoverageDomain.Airspace ? asset.AirRadiusKm : asset.CoastalRadiusKm;
            double r = RadarHorizon.EffectiveRadiusKm(nominal, asset.SensorHeightM, band) * 1000;
            if (r > 0)
            {
                int n = GeodesicDisc.VertexCount(r, options.MaxBoundaryDeviationM, options.MaxRelativeBoundaryDeviation);
                discs.Add((asset.HubId, GeodesicDisc.MetricPolygon(asset.Lon, asset.Lat, r, n)));
            }
        }

        var layers = new Geometry[options.MaxK];
        for (int k = 0; k < layers.Length; k++)
        {
            layers[k] = GeoFactory.Metric.CreatePolygon();
        }

        foreach (var (_, disc) in discs)
        {
            for (int k = layers.Length - 1; k >= 1; k--)
            {
                var add = OverlayNGRobust.Overlay(layers[k - 1], disc, SpatialFunction.Intersection);
                layers[k] = OverlayNGRobust.Overlay(layers[k], add, SpatialFunction.Union);
            }

            layers[0] = OverlayNGRobust.Overlay(layers[0], disc, SpatialFunction.Union);
        }

        double ClippedKm2(Geometry g) => region.IsEmpty ? 0 : OverlayNGRobust.Overlay(g, region, SpatialFunction.Intersection).Area / 1e6;
        double covered = ClippedKm2(layers[0]);
        var atLeast = layers.Select(ClippedKm2).ToArray();
        var gaps = region.IsEmpty ? GeoFactory.Metric.CreatePolygon() : OverlayNGRobust.Overlay(region, layers[0], SpatialFunction.Difference);
        int gapCount = Enumerable.Range(0, gaps.NumGeometries).Count(i => gaps.GetGeometryN(i).Area / 1e6 >= problem.MinGapAreaKm2 && gaps.GetGeometryN(i).Area > 0);

        var loss = new Dictionary<string, double>(StringComparer.Ordinal);
        var hubs = problem.Assets.Select(a => a.HubId).Distinct().ToList();
        if (lossSampleHubs is int sample)
        {
            hubs = hubs.Take(sample).ToList();
        }

        foreach (var hub in hubs)
        {
            Geometry others = GeoFactory.Metric.CreatePolygon();
            foreach (var (h, disc) in discs)
            {
                if (h != hub)
                {
                    others = OverlayNGRobust.Overlay(others, disc, SpatialFunction.Union);
                }
            }

            loss[hub] = covered - ClippedKm2(others);
        }

        lossHubsMeasured = hubs.Count;
        return new DomainResult(covered, atLeast, loss, gapCount);
    }
}
