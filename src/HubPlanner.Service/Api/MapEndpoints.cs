using System.Text.Json;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;
using HubPlanner.Data.PlanExport;
using HubPlanner.Data.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace HubPlanner.Service.Api;

/// <summary>
/// The web map and what it reads: the page and its npm assets at <c>/</c> (embedded in this assembly at build
/// time, so the page works without any outside request), the API docs page at <c>/docs</c>, the basemap layers
/// at <c>/api/basemap</c> and a scenario's newest plan as GeoJSON at <c>/api/scenarios/{id}/plan/geojson</c>.
/// </summary>
public static class MapEndpoints
{
    private const string GeoJsonType = "application/geo+json";
    private const string ResourcePrefix = "web/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly JsonSerializerOptions GeoJsonOptions = CreateGeoJsonOptions();

    /// <summary>Maps the page, its assets, the docs page and the map's read endpoints.</summary>
    public static IEndpointRouteBuilder MapHubPlannerWeb(this IEndpointRouteBuilder app, ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The page itself carries no data: it asks for a token before it reads anything.
        app.MapGet("/", () => Asset("index.html")).WithName("WebMap").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/docs", () => Asset("docs.html")).WithName("ApiDocs").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/web/{**path}", (string path) => Asset(path)).WithName("WebAsset").AllowAnonymous().ExcludeFromDescription();

        var reads = app.MapGroup("/api").WithTags("HubPlanner");
        if (options.RequireTokenForReads)
        {
            reads.RequireAuthorization();
        }
        else
        {
            reads.AllowAnonymous();
        }

        reads.MapGet("/basemap", Basemap).WithName("GetBasemap").Produces(200, contentType: GeoJsonType);
        reads.MapGet("/scenarios/{id:long}/plan/geojson", LatestPlanGeoJson).WithName("GetLatestPlanGeoJson").Produces(200, contentType: GeoJsonType);
        reads.MapGet("/scenarios/{id:long}/movements", Movements).WithName("GetScenarioMovements");
        return app;
    }

    /// <summary>The names of the embedded page assets (for tests and diagnostics).</summary>
    public static IReadOnlyList<string> AssetNames() =>
        typeof(MapEndpoints).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal).ToList();

    private static IResult Asset(string path)
    {
        // Only names embedded at build time are served: no request path ever reaches the file system.
        var stream = typeof(MapEndpoints).Assembly.GetManifestResourceStream(ResourcePrefix + path);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        if (!ContentTypes.TryGetContentType(path, out var type))
        {
            type = "application/octet-stream";
        }

        return TypedResults.Stream(stream, type);
    }

    private static ContentHttpResult Basemap(IHubPlannerStore store, CancellationToken cancellationToken)
    {
        // The base data's own context layers stand in for a tile basemap: neighbours, border, coast, places.
        var data = store.LoadBase(cancellationToken);
        var fc = new FeatureCollection();
        foreach (var n in data.Neighbours)
        {
            fc.Add(new Feature(PlanGeoJson.Round(n.Geometry), new AttributesTable { { "layer", "neighbours" }, { "name", n.Name }, { "code", n.Code } }));
        }

        foreach (var b in data.Border)
        {
            fc.Add(new Feature(PlanGeoJson.Round(b.Geometry), new AttributesTable { { "layer", "border" }, { "name", b.Name } }));
        }

        foreach (var c in data.Coast)
        {
            fc.Add(new Feature(PlanGeoJson.Round(c.Geometry), new AttributesTable { { "layer", "coast" }, { "name", c.Name } }));
        }

        foreach (var p in data.Places)
        {
            fc.Add(new Feature(GeoFactory.Point(Math.Round(p.Lon, 6), Math.Round(p.Lat, 6)), new AttributesTable
            {
                { "layer", "places" }, { "id", p.Id }, { "name", p.Name }, { "oblast", p.Oblast }, { "population", p.Population },
                { "oblast_centre", p.IsOblastCentre },
            }));
        }

        return TypedResults.Text(JsonSerializer.Serialize(fc, GeoJsonOptions), GeoJsonType);
    }

    private static Results<ContentHttpResult, NotFound<ProblemDetails>, Conflict<ProblemDetails>> LatestPlanGeoJson(
        long id, IHubPlannerStore store, CancellationToken cancellationToken)
    {
        var scenario = store.GetScenario(id);
        if (scenario is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"scenario {id} does not exist" });
        }

        PlanResult? plan;
        PlanningProblem problem;
        try
        {
            plan = store.LatestPlan(scenario.Name);
            problem = store.LoadProblem(scenario.Name, cancellationToken);
        }
        catch (Exception ex) when (ex is PlanningInputException or BadInputException)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "The scenario cannot be loaded", Detail = ex.Message });
        }

        if (plan is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"scenario '{scenario.Name}' has no plan yet; run a plan job" });
        }

        return TypedResults.Text(PlanMapJson.Write(scenario.Name, PlanGeoJson.Build(problem, plan), plan), GeoJsonType);
    }

    private static Results<ContentHttpResult, NotFound<ProblemDetails>> Movements(long id, IHubPlannerStore store)
    {
        var scenario = store.GetScenario(id);
        var plan = scenario is null ? null : store.LatestPlan(scenario.Name);
        if (scenario is null || plan is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "Not found", Detail = scenario is null ? $"scenario {id} does not exist" : $"scenario '{scenario.Name}' has no plan yet",
            });
        }

        var legs = PlanMovements.Legs(plan);
        // The same tables as 'export movements', keys in the JSON contract (snake_case, units in the names).
        return TypedResults.Text(ContractJson.Serialize(new { scenario = scenario.Name, movements = legs, receipts = PlanMovements.Receipts(legs) }), "application/json");
    }

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var o = new JsonSerializerOptions();
        o.Converters.Add(new GeoJsonConverterFactory(GeoFactory.Wgs84, writeGeometryBBox: false));
        return o;
    }
}
