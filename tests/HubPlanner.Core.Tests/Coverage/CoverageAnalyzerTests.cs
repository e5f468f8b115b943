using HubPlanner.Core.Coverage;
using HubPlanner.Core.Geo;
using NetTopologySuite.Geometries;
using static HubPlanner.Core.Tests.Coverage.CoverageFixture;

namespace HubPlanner.Core.Tests.Coverage;

public class CoverageAnalyzerTests
{
    [Fact]
    public void IsolatedDisc_CoversTheAreaOfItsInscribedPolygon()
    {
        // 100 km disc in the middle of a 600 km × 600 km airspace (360,000 km²). Expected: the geodesic disc area
        // 2πR²(1 − cos(r/R)) × sin(2π/n)/(2π/n) ≈ 31,412 km² (LAEA preserves area).
        var problem = CoverageProblem.Create([Air("a", "h", At(0, 0), 100)], Square(300), bandsM: HighBand);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;

        double expected = DiscPolygonKm2(CentreLat, 100);
        Assert.Equal(360_000, air.RegionAreaKm2, 1e-3);
        Assert.True(Math.Abs(air.CoveredAreaKm2 / expected - 1) < 1e-3, $"{air.CoveredAreaKm2} vs {expected}");
        Assert.Equal(100 * expected / 360_000, air.CoveredPercent, 0.05);
        Assert.Equal(air.CoveredAreaKm2, air.AtLeastK[0].AreaKm2, 1e-6);
        Assert.Equal(0, air.AtLeastK[1].AreaKm2, 1e-6);
        // Losing the only hub loses everything it covers.
        Assert.Equal(air.CoveredAreaKm2, Assert.Single(air.HubLosses).LostAreaKm2, 1e-6);
    }

    [Fact]
    public void TwoOverlappingDiscs_OverlapIsTheAnalyticLensArea()
    {
        // Two 100 km discs whose centres are 120 km apart (60 km east and west of the centre).
        // Lens = 2r² acos(d/2r) − (d/2)√(4r² − d²) = 2·100²·acos(0.6) − 60·160 = 8,945.5 km² (planar; the
        // curvature correction at this size is ~1e-4 and the inscribed polygons cut ~0.1 %).
        double r = 100, d = 120;
        double lens = 2 * r * r * Math.Acos(d / (2 * r)) - d / 2 * Math.Sqrt(4 * r * r - d * d);
        var problem = CoverageProblem.Create(
            [Air("w", "west", At(270, 60), r), Air("e", "east", At(90, 60), r)], Square(300), bandsM: HighBand);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;

        Assert.True(Math.Abs(air.AtLeastK[1].AreaKm2 / lens - 1) < 5e-3, $"lens {air.AtLeastK[1].AreaKm2} vs {lens}");
        double disc = DiscPolygonKm2(CentreLat, r);
        Assert.True(Math.Abs(air.CoveredAreaKm2 / (2 * disc - lens) - 1) < 2e-3);
        // Each hub alone holds its disc minus the lens.
        foreach (var loss in air.HubLosses)
        {
            Assert.True(Math.Abs(loss.LostAreaKm2 / (disc - lens) - 1) < 5e-3, $"{loss.HubId}: {loss.LostAreaKm2}");
        }
    }

    [Fact]
    public void DiscHoldingTheWholeAirspace_Covers100Percent_WithNoGaps()
    {
        // The square's half-diagonal is 212 km < 500 km.
        var problem = CoverageProblem.Create([Air("a", "h", At(0, 0), 400)], Square(150), bandsM: HighBand, minGapAreaKm2: 0);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;
        Assert.Equal(100, air.CoveredPercent, 1e-6);
        Assert.Equal(90_000, air.CoveredAreaKm2, 1e-3);
        Assert.Empty(air.Gaps);
        Assert.Equal(0, air.UncoveredAreaKm2, 1e-6);
    }

    [Fact]
    public void DiscHoldingAnAirspaceOfUkrainesExtent_Covers100Percent()
    {
        // Ukraine spans ~1,330 km × 900 km; a 1,400 km square (half-diagonal 990 km) inside a 1,200 km disc. Targets at
        // 100 km and a 1 km sensor put the horizon at 1,433 km, so the range is not cut.
        var problem = CoverageProblem.Create([Air("a", "h", At(0, 0), 1_200) with { SensorHeightM = 1_000 }], Square(700),
            bandsM: [100_000], minGapAreaKm2: 0);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;
        Assert.Equal(100, air.CoveredPercent, 1e-6);
        Assert.Equal(1_960_000, air.CoveredAreaKm2, 1e-2);
        Assert.Empty(air.Gaps);
    }

    [Fact]
    public void DiscInTheMiddleOfTheSea_CoversNoAirspace_AndSaysSo()
    {
        // Black Sea at 43.5° N 33.5° E, 50 km radius; the airspace square spans 45.8–51.2° N.
        var sea = new CoverageAsset("ship", "sea-hub", "radar", 33.5, 43.5, 50, 0, 30);
        var report = CoverageAnalyzer.Run(CoverageProblem.Create([sea], Square(300), bandsM: HighBand));
        var air = report.Bands[0].Airspace;
        Assert.Equal(0, air.CoveredPercent);
        Assert.Equal(0, Assert.Single(air.HubLosses).LostAreaKm2);
        Assert.Contains(report.Notes, n => n.Subject == "ship" && n.Sentence.Contains("reaches no airspace", StringComparison.Ordinal));
        var gap = Assert.Single(air.Gaps);
        Assert.Equal(360_000, gap.AreaKm2, 1e-3);
        Assert.Equal("sea-hub", gap.NearestHubId);
    }

    [Fact]
    public void HubWhoseDiscIsInsideAnotherHubsDisc_LosesNothing()
    {
        // Hub "small": 50 km disc 30 km north of the centre, entirely inside hub "big"'s 200 km disc.
        var problem = CoverageProblem.Create(
            [Air("b", "big", At(0, 0), 200), Air("s", "small", At(0, 30), 50)], Square(300), bandsM: HighBand);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;
        var losses = air.HubLosses.ToDictionary(l => l.HubId);
        Assert.Equal(0, losses["small"].LostAreaKm2);
        Assert.Contains("also covered by another hub", losses["small"].Explanation, StringComparison.Ordinal);
        // "big" alone holds its disc minus the small one.
        double expected = DiscPolygonKm2(CentreLat, 200) - DiscPolygonKm2(CentreLat, 50);
        Assert.True(Math.Abs(losses["big"].LostAreaKm2 / expected - 1) < 1e-3);
        Assert.Equal(DiscPolygonKm2(CentreLat, 50), air.AtLeastK[1].AreaKm2, DiscPolygonKm2(CentreLat, 50) * 1e-3);
    }

    [Fact]
    public void ThreeDiscs_KCoverage_MatchesAStratifiedMonteCarloOnTheTrueGeodesicCircles()
    {
        // Three discs overlapping pairwise and all three around the centre. Oracle: a 400 × 400 jittered grid
        // (seed 7) over the 600 km square, each sample tested by Vincenty distance against the true circles —
        // independent of polygons and of the arrangement.
        var centres = new[] { (At(0, 70), 110.0), (At(120, 70), 90.0), (At(240, 70), 130.0) };
        var assets = centres.Select((c, i) => Air($"a{i}", $"h{i}", c.Item1, c.Item2)).ToArray();
        var air = CoverageAnalyzer.Run(CoverageProblem.Create(assets, Square(300), bandsM: HighBand)).Bands[0].Airspace;

        var rng = new Random(7);
        const int n = 400;
        double cellKm = 600.0 / n;
        var counts = new double[4];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double x = (-300 + (i + rng.NextDouble()) * cellKm) * 1000, y = (-300 + (j + rng.NextDouble()) * cellKm) * 1000;
                var (lon, lat) = UkraineEqualArea.Instance.Inverse(x, y);
                int k = centres.Count(c => Wgs84Geodesic.Distance(c.Item1.Lon, c.Item1.Lat, lon, lat) <= c.Item2 * 1000);
                counts[k] += cellKm * cellKm;
            }
        }

        double atLeast1 = counts[1] + counts[2] + counts[3], atLeast2 = counts[2] + counts[3], atLeast3 = counts[3];
        Assert.True(atLeast3 > 1_000, "fixture must have a triple overlap");
        Assert.True(Math.Abs(air.AtLeastK[0].AreaKm2 / atLeast1 - 1) < 5e-3, $"k≥1 {air.AtLeastK[0].AreaKm2} vs {atLeast1}");
        Assert.True(Math.Abs(air.AtLeastK[1].AreaKm2 / atLeast2 - 1) < 1e-2, $"k≥2 {air.AtLeastK[1].AreaKm2} vs {atLeast2}");
        Assert.True(Math.Abs(air.AtLeastK[2].AreaKm2 / atLeast3 - 1) < 2e-2, $"k≥3 {air.AtLeastK[2].AreaKm2} vs {atLeast3}");
    }

    [Fact]
    public void LowBand_CutsALongRangeRadarToItsHorizon()
    {
        // 250 km radar on a 10 m mast against 100 m targets: horizon 54.25 km; at 10 km altitude the full 250 km.
        var asset = new CoverageAsset("r", "h", "radar", CentreLon, CentreLat, 250, 0, 10);
        var report = CoverageAnalyzer.Run(CoverageProblem.Create([asset], Square(400), bandsM: [100, 10_000]));
        Assert.True(Math.Abs(report.Bands[0].Airspace.CoveredAreaKm2 / DiscPolygonKm2(CentreLat, RadarHorizon.DistanceKm(10, 100)) - 1) < 1e-3);
        Assert.True(Math.Abs(report.Bands[1].Airspace.CoveredAreaKm2 / DiscPolygonKm2(CentreLat, 250) - 1) < 1e-3);
    }

    [Fact]
    public void Coastline_CoveredLengthIsTheDiameterOfADiscCentredOnAStraightCoast()
    {
        // A 300 km north–south meridian "coast" through the centre; a 50 km coastal radar on it covers 100 km of it.
        // The coastal zone is the 40 km strip east of the coast: the disc covers half of a 100 km disc of it.
        var coast = GeoFactory.Wgs84.CreateMultiLineString(
            [GeoFactory.Wgs84.CreateLineString([new Coordinate(CentreLon, CentreLat - 1.4), new Coordinate(CentreLon, CentreLat + 1.4)])]);
        var zone = GeoFactory.Wgs84.CreatePolygon([
            new Coordinate(CentreLon, CentreLat - 1.4), new Coordinate(CentreLon + 2, CentreLat - 1.4),
            new Coordinate(CentreLon + 2, CentreLat + 1.4), new Coordinate(CentreLon, CentreLat + 1.4), new Coordinate(CentreLon, CentreLat - 1.4)]);
        var radar = new CoverageAsset("c", "port", "coastal", CentreLon, CentreLat, 0, 50, 30);
        var coastal = CoverageAnalyzer.Run(CoverageProblem.Create([radar], Square(300), zone, coast, bandsM: HighBand)).Bands[0].Coastal;

        Assert.NotNull(coastal.Coastline);
        Assert.Equal(Wgs84Geodesic.Distance(CentreLon, CentreLat - 1.4, CentreLon, CentreLat + 1.4) / 1000, coastal.Coastline.LengthKm, 1e-6);
        Assert.True(Math.Abs(coastal.Coastline.CoveredKm - 100) < 0.1, $"covered {coastal.Coastline.CoveredKm} km");
        Assert.True(Math.Abs(coastal.CoveredAreaKm2 / (DiscPolygonKm2(CentreLat, 50) / 2) - 1) < 2e-3);
    }

    [Fact]
    public void WeightedDemand_CountsPointsAndPriorityZonesLostWithTheirOnlyHub()
    {
        // Hub "w" alone covers city "lviv-like" (weight 5); both hubs cover "shared" (weight 2). The priority zone is a
        // 20 km square around the west centre, fully inside w's disc and outside e's: lost with w at weight 3 × its area.
        var west = At(270, 150);
        var east = At(90, 150);
        var (zx, zy) = UkraineEqualArea.Instance.Forward(west.Lon, west.Lat);
        var zone = (Polygon)UkraineEqualArea.Instance.Unproject(GeoFactory.Metric.CreatePolygon([
            new Coordinate(zx - 10_000, zy - 10_000), new Coordinate(zx + 10_000, zy - 10_000), new Coordinate(zx + 10_000, zy + 10_000),
            new Coordinate(zx - 10_000, zy + 10_000), new Coordinate(zx - 10_000, zy - 10_000)]));
        var points = new[] { new WeightedPoint("lviv-like", west.Lon, west.Lat, 5), new WeightedPoint("shared", CentreLon, CentreLat, 2),
            new WeightedPoint("nowhere", At(0, 250).Lon, At(0, 250).Lat, 1) };
        var problem = CoverageProblem.Create([Air("a", "w", west, 160), Air("b", "e", east, 160)], Square(300),
            priorityZones: [new PriorityZone("z", zone, 3)], points: points, bandsM: HighBand);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;

        var w = air.HubLosses.Single(l => l.HubId == "w");
        var e = air.HubLosses.Single(l => l.HubId == "e");
        Assert.Equal(5, w.LostPointWeight);
        Assert.Equal(0, e.LostPointWeight);
        Assert.Equal(3 * 400, w.LostPriorityWeightedKm2, 1e-3);
        Assert.Equal(0, e.LostPriorityWeightedKm2, 1e-9);
        Assert.Equal(8, air.Demand.PointWeightTotal);
        Assert.Equal(7, air.Demand.PointWeightCovered);
        Assert.Equal(["nowhere"], air.Demand.UncoveredPointIds);
        Assert.Equal(1200, air.Demand.PriorityWeightedKm2Total, 1e-3);
    }

    [Fact]
    public void Gaps_AreReportedLargestFirst_WithTheNearestHub()
    {
        // One 100 km disc in the west half: the rest of the square is one gap, nearest to that hub.
        var problem = CoverageProblem.Create([Air("a", "west", At(270, 150), 100)], Square(300), bandsM: HighBand);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;
        var gap = Assert.Single(air.Gaps);
        Assert.Equal(360_000 - air.CoveredAreaKm2, gap.AreaKm2, 1e-3);
        Assert.Equal("west", gap.NearestHubId);
        Assert.True(gap.Geometry.IsValid);
        Assert.Equal(4326, gap.Geometry.SRID);
        Assert.Contains("nearest hub is 'west'", gap.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void CoveredLayer_IsALonLatGeometryOfTheCoveredArea()
    {
        var problem = CoverageProblem.Create([Air("a", "h", At(0, 0), 100)], Square(300), bandsM: HighBand);
        var air = CoverageAnalyzer.Run(problem).Bands[0].Airspace;
        Assert.NotNull(air.CoveredLayer);
        Assert.Equal(4326, air.CoveredLayer.SRID);
        Assert.Equal(air.CoveredAreaKm2, UkraineEqualArea.Instance.AreaKm2(air.CoveredLayer), air.CoveredAreaKm2 * 1e-6);
        var noLayers = CoverageAnalyzer.Run(problem, new CoverageOptions(IncludeLayers: false)).Bands[0].Airspace;
        Assert.Null(noLayers.CoveredLayer);
    }

    [Fact]
    public void EqualRadiiInTwoBands_ShareOneArrangement_AndGiveEqualResults()
    {
        // A 30 km radar on a 30 m mast is range-limited in every band: all three bands are the same.
        var report = CoverageAnalyzer.Run(CoverageProblem.Create([Air("a", "h", At(0, 0), 30)], Square(300)));
        Assert.Same(report.Bands[0].Airspace, report.Bands[1].Airspace);
        Assert.Same(report.Bands[1].Airspace, report.Bands[2].Airspace);
    }

    [Fact]
    public void AssetWithoutRange_IsNamedInTheNotes_AndCoversNothing()
    {
        // A supply container logged as an asset: no air or coastal range.
        var crate = new CoverageAsset("crate", "depot", "supplies", CentreLon, CentreLat, 0, 0, 0);
        var report = CoverageAnalyzer.Run(CoverageProblem.Create([crate], Square(100), bandsM: HighBand));
        var note = Assert.Single(report.Notes);
        Assert.Equal("crate", note.Subject);
        Assert.Contains("covers nothing", note.Sentence, StringComparison.Ordinal);
        Assert.Equal(0, report.Bands[0].Airspace.CoveredAreaKm2);
    }

    [Fact]
    public void SameInputs_GiveTheSameReport()
    {
        // Determinism: nothing random, nothing order-dependent across the parallel band layers.
        var problem = CoverageProblem.Create(
            [Air("a", "h1", At(0, 50), 120), Air("b", "h2", At(100, 80), 90), Air("c", "h3", At(200, 60), 250)], Square(300));
        var first = CoverageAnalyzer.Run(problem);
        var second = CoverageAnalyzer.Run(problem);
        for (int b = 0; b < first.Bands.Count; b++)
        {
            Assert.Equal(first.Bands[b].Airspace.CoveredAreaKm2, second.Bands[b].Airspace.CoveredAreaKm2);
            Assert.Equal(first.Bands[b].Airspace.HubLosses.Select(l => (l.HubId, l.LostAreaKm2)), second.Bands[b].Airspace.HubLosses.Select(l => (l.HubId, l.LostAreaKm2)));
        }
    }

    [Fact]
    public void Analyze_ReportsProgress_AndStopsWhenCancelled()
    {
        var problem = CoverageProblem.Create([Air("a", "h", At(0, 0), 100)], Square(300));
        var seen = new List<CoverageProgress>();
        CoverageAnalyzer.Analyze(problem, progress: new SyncProgress(seen));
        Assert.Contains(seen, p => p.Done == p.Total);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CoverageAnalyzer.Analyze(problem, cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(List<CoverageProgress> sink) : IProgress<CoverageProgress>
    {
        public void Report(CoverageProgress value) => sink.Add(value);
    }
}
