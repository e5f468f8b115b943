namespace HubPlanner.Core.Domain;

/// <summary>Kind of a candidate hub site.</summary>
public enum SiteKind { Airfield, Rail, Port, Depot, City, Other }

/// <summary>Planning status of a site: a candidate, an existing hub (kept open), forced open, or forbidden.</summary>
public enum SiteStatus { Candidate, Existing, Forced, Forbidden }

/// <summary>A candidate hub site.</summary>
/// <param name="Id">Stable text id (e.g. "ua-air-starokostiantyniv").</param>
/// <param name="StorageCapacityT">Storage capacity in tonnes.</param>
/// <param name="ThroughputTPerDay">Handling throughput in tonnes per day.</param>
/// <param name="FixedCost">Cost of opening the hub (illustrative units, k€).</param>
public sealed record Site(
    string Id,
    string Name,
    SiteKind Kind,
    double Lon,
    double Lat,
    double StorageCapacityT,
    double ThroughputTPerDay,
    double FixedCost,
    SiteStatus Status);

/// <summary>Kind of an entry point into Ukraine.</summary>
public enum EntryKind { BorderCrossing, Port }

/// <summary>Where equipment enters the country: a road border crossing or a port.</summary>
public sealed record EntryPoint(string Id, string Name, EntryKind Kind, string Country, double Lon, double Lat);

/// <summary>Category of an equipment type.</summary>
public enum EquipmentCategory { AirDefence, AirRadar, CoastalRadar, Supplies, Fuel }

/// <summary>A generic class of equipment. Radii are 0 where the type does not cover that domain.</summary>
public sealed record EquipmentType(
    string Id,
    string Name,
    EquipmentCategory Category,
    double WeightT,
    double VolumeM3,
    double AirRadiusKm,
    double CoastalRadiusKm,
    double SensorHeightM);

/// <summary>Quantity of one equipment type held at an entry point (or a site).</summary>
public sealed record InventoryItem(string HolderId, string EquipmentTypeId, int Quantity);

/// <summary>A place that hubs serve: a garrison, a city, a grid cell.</summary>
/// <param name="Weight">Relative importance (e.g. population in thousands).</param>
/// <param name="DemandT">Supply demand in tonnes to be served from its hub.</param>
public sealed record DemandPoint(string Id, string Name, double Lon, double Lat, double Weight, double DemandT);

/// <summary>Kind of a zone.</summary>
public enum ZoneKind { Airspace, Coastal, Exclusion, Priority }

/// <summary>A polygonal zone (lon/lat, SRID 4326).</summary>
public sealed record Zone(string Id, string Name, ZoneKind Kind, NetTopologySuite.Geometries.Geometry Geometry, double Weight);

/// <summary>A named place (city, town) used for names in reports and for `route FROM TO`.</summary>
public sealed record Place(string Id, string Name, string Oblast, double Lon, double Lat, int Population, bool IsOblastCentre);

/// <summary>Road class, from fastest to slowest.</summary>
public enum RoadClass { Motorway, Trunk, Primary, Secondary, Tertiary }

/// <summary>A road junction or end point.</summary>
public sealed record RoadNode(long Id, string? Name, double Lon, double Lat);

/// <summary>A directed-or-not road segment between two nodes, with its polyline (lon/lat).</summary>
/// <param name="OneWay">True if the segment may only be driven from <paramref name="FromNode"/> to <paramref name="ToNode"/>.</param>
/// <param name="MaxWeightT">Gross weight limit in tonnes (bridges); null if unrestricted.</param>
public sealed record RoadEdge(
    long Id,
    long FromNode,
    long ToNode,
    string? RoadNumber,
    RoadClass Class,
    double LengthM,
    double SpeedKmh,
    bool OneWay,
    double? MaxWeightT,
    NetTopologySuite.Geometries.LineString Geometry);

/// <summary>A vehicle type of the fleet.</summary>
public sealed record VehicleType(
    string Id,
    string Name,
    double CapacityT,
    double CapacityM3,
    double GrossWeightT,
    double SpeedFactor,
    double FixedCost,
    double CostPerKm,
    double ShiftHours);

/// <summary>How many vehicles of a type are based at an entry point.</summary>
public sealed record FleetAssignment(string EntryPointId, string VehicleTypeId, int Count);
