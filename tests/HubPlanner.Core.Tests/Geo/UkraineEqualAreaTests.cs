using HubPlanner.Core.Geo;

namespace HubPlanner.Core.Tests.Geo;

public class UkraineEqualAreaTests
{
    [Fact]
    public void Centre_ProjectsToTheOrigin_AndBack()
    {
        var (x, y) = UkraineEqualArea.Instance.Forward(31.5, 48.5);
        Assert.Equal(0, x, 1e-6);
        Assert.Equal(0, y, 1e-6);
        var (lon, lat) = UkraineEqualArea.Instance.Inverse(x, y);
        Assert.Equal(31.5, lon, 1e-6);
        Assert.Equal(48.5, lat, 1e-6);
    }

    [Fact]
    public void OneDegreeCell_HasTheEllipsoidalAreaOfThatCell()
    {
        // Area of the 1°×1° cell [30,31]×[48,49] on WGS84, from the authalic-latitude formula: computed analytically below.
        var cell = GeoFactory.Wgs84.ToGeometry(new NetTopologySuite.Geometries.Envelope(30, 31, 48, 49));
        var densified = NetTopologySuite.Densify.Densifier.Densify(cell, 0.01);
        double area = UkraineEqualArea.Instance.AreaKm2(densified);
        Assert.Equal(EllipsoidalCellAreaKm2(48, 49, 1), area, 1.0);
    }

    private static double EllipsoidalCellAreaKm2(double lat1, double lat2, double dLon)
    {
        // Exact area between two parallels on the ellipsoid per degree of longitude.
        double a = Wgs84Geodesic.A, f = Wgs84Geodesic.F, e2 = f * (2 - f), e = Math.Sqrt(e2);
        double Q(double phi)
        {
            double s = Math.Sin(phi * Math.PI / 180);
            return s / (1 - e2 * s * s) + 1 / (2 * e) * Math.Log((1 + e * s) / (1 - e * s));
        }

        double b2 = a * a * (1 - e2);
        return b2 / 2 * (Q(lat2) - Q(lat1)) * (dLon * Math.PI / 180) / 1e6;
    }
}
