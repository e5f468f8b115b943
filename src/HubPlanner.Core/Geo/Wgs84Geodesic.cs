namespace HubPlanner.Core.Geo;

/// <summary>
/// Geodesic problems on the WGS84 ellipsoid (Vincenty 1975 with the nearly-antipodal fallback to the
/// sphere). Accurate to well under a millimetre for the distances HubPlanner deals with (≤ 2,000 km).
/// </summary>
public static class Wgs84Geodesic
{
    /// <summary>Semi-major axis (m).</summary>
    public const double A = 6378137.0;

    /// <summary>Flattening.</summary>
    public const double F = 1 / 298.257223563;

    /// <summary>Semi-minor axis (m).</summary>
    public const double B = A * (1 - F);

    /// <summary>Mean radius R1 = (2a + b) / 3 (m), for spherical approximations.</summary>
    public const double MeanRadius = (2 * A + B) / 3;

    private const double Deg = Math.PI / 180;

    /// <summary>Ground distance in metres between two lon/lat points (inverse geodesic problem).</summary>
    public static double Distance(double lon1, double lat1, double lon2, double lat2)
        => Inverse(lon1, lat1, lon2, lat2).DistanceM;

    /// <summary>Inverse problem: distance (m) and forward azimuth at the first point (degrees from north).</summary>
    public static (double DistanceM, double Azimuth1Deg) Inverse(double lon1, double lat1, double lon2, double lat2)
    {
        if (lon1 == lon2 && lat1 == lat2)
        {
            return (0, 0);
        }

        double l = (lon2 - lon1) * Deg;
        double u1 = Math.Atan((1 - F) * Math.Tan(lat1 * Deg));
        double u2 = Math.Atan((1 - F) * Math.Tan(lat2 * Deg));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1);
        double sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);

        double lambda = l;
        double sinSigma = 0, cosSigma = 0, sigma = 0, cosSqAlpha = 0, cos2SigmaM = 0, sinLambda = 0, cosLambda = 0;
        for (int iter = 0; iter < 200; iter++)
        {
            sinLambda = Math.Sin(lambda);
            cosLambda = Math.Cos(lambda);
            double t1 = cosU2 * sinLambda;
            double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            sinSigma = Math.Sqrt(t1 * t1 + t2 * t2);
            if (sinSigma == 0)
            {
                return (0, 0);
            }

            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
            double c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
            double lambdaPrev = lambda;
            lambda = l + (1 - c) * F * sinAlpha *
                (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - lambdaPrev) < 1e-13)
            {
                double uSq = cosSqAlpha * (A * A - B * B) / (B * B);
                double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
                double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
                double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                    bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
                double s = B * bigA * (sigma - deltaSigma);
                double az = Math.Atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) / Deg;
                return (s, (az + 360) % 360);
            }
        }

        // Nearly antipodal points: Vincenty does not converge; the sphere is good enough there.
        return (GreatCircle(lon1, lat1, lon2, lat2), 0);
    }

    /// <summary>Direct problem: the point reached from (lon, lat) after <paramref name="distanceM"/> metres
    /// on initial azimuth <paramref name="azimuthDeg"/> (degrees clockwise from north).</summary>
    public static (double Lon, double Lat) Direct(double lon, double lat, double azimuthDeg, double distanceM)
    {
        double alpha1 = azimuthDeg * Deg;
        double sinAlpha1 = Math.Sin(alpha1), cosAlpha1 = Math.Cos(alpha1);
        double tanU1 = (1 - F) * Math.Tan(lat * Deg);
        double cosU1 = 1 / Math.Sqrt(1 + tanU1 * tanU1), sinU1 = tanU1 * cosU1;
        double sigma1 = Math.Atan2(tanU1, cosAlpha1);
        double sinAlpha = cosU1 * sinAlpha1;
        double cosSqAlpha = 1 - sinAlpha * sinAlpha;
        double uSq = cosSqAlpha * (A * A - B * B) / (B * B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));

        double sigma = distanceM / (B * bigA);
        double sinSigma = 0, cosSigma = 0, cos2SigmaM = 0;
        for (int iter = 0; iter < 200; iter++)
        {
            cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            double sigmaPrev = sigma;
            sigma = distanceM / (B * bigA) + deltaSigma;
            if (Math.Abs(sigma - sigmaPrev) < 1e-13)
            {
                break;
            }
        }

        cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
        sinSigma = Math.Sin(sigma);
        cosSigma = Math.Cos(sigma);
        double tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
        double lat2 = Math.Atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1,
            (1 - F) * Math.Sqrt(sinAlpha * sinAlpha + tmp * tmp));
        double lambda = Math.Atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
        double c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
        double l = lambda - (1 - c) * F * sinAlpha *
            (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        double lon2 = lon + l / Deg;
        lon2 = ((lon2 + 540) % 360) - 180;
        return (lon2, lat2 / Deg);
    }

    /// <summary>Great-circle (haversine) distance on the mean-radius sphere, in metres.</summary>
    public static double GreatCircle(double lon1, double lat1, double lon2, double lat2)
    {
        double dLat = (lat2 - lat1) * Deg, dLon = (lon2 - lon1) * Deg;
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                   Math.Cos(lat1 * Deg) * Math.Cos(lat2 * Deg) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * MeanRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Geodesic length (m) of a lon/lat polyline.</summary>
    public static double PolylineLength(ReadOnlySpan<NetTopologySuite.Geometries.Coordinate> coords)
    {
        double sum = 0;
        for (int i = 1; i < coords.Length; i++)
        {
            sum += Distance(coords[i - 1].X, coords[i - 1].Y, coords[i].X, coords[i].Y);
        }

        return sum;
    }
}
