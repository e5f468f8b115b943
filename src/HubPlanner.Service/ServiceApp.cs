using HubPlanner.Core.Contract;
using HubPlanner.Data.Store;
using HubPlanner.Service.Api;
using HubPlanner.Service.Jobs;
using HubPlanner.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HubPlanner.Service;

/// <summary>
/// Builds the hosted service: options (section <c>HubPlanner</c>, validated on start), the store (every table, the job queue included),
/// the worker pool, token authentication and the HTTP API on loopback. <c>hubplanner serve</c> and the
/// service's own executable both call <see cref="Build"/>.
/// </summary>
public static class ServiceApp
{
    /// <summary>The default listening address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Builds the application. <paramref name="configureServices"/> registers extra job handlers
    /// (e.g. <c>s =&gt; s.AddJobHandler&lt;PlanJobHandler&gt;()</c>).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        // Request logs at Information would drown the job log; appsettings or --Logging:... can still lower this.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var services = builder.Services;
        services.AddOptions<ServiceOptions>()
            .BindConfiguration(ServiceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Bound once here as well, to size Kestrel and decide the read policy before the host is built.
        var options = builder.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();

        CheckExposure(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? DefaultUrls, options);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ContractJson.ApplyTo(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StoreExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // Tell OpenAPI clients how to authenticate: every /api route takes "Authorization: Bearer <token>".
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerTokenHandler.SchemeName] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token from 'hubplanner token create NAME'",
            };
            document.Security ??= [];
            document.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement
            {
                [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(BearerTokenHandler.SchemeName, document)] = [],
            });
            return Task.CompletedTask;
        }));

        services.AddSingleton(TimeProvider.System);
        // One store for every table: opening creates or migrates the file (WAL, GeoPackage pragmas, every migration,
        // the base scenario). Endpoints and handlers ask for the interface of the concern they use.
        services.AddSingleton<IHubPlannerStore>(sp =>
            PlanningStore.Open(sp.GetRequiredService<IOptions<ServiceOptions>>().Value.DbPath, sp.GetRequiredService<TimeProvider>(), pooled: true));
        services.AddSingleton<IScenarioStore>(sp => sp.GetRequiredService<IHubPlannerStore>());
        services.AddSingleton<IPlanStore>(sp => sp.GetRequiredService<IHubPlannerStore>());
        services.AddSingleton<IJobStore>(sp => sp.GetRequiredService<IHubPlannerStore>());
        services.AddSingleton<ITokenStore>(sp => sp.GetRequiredService<IHubPlannerStore>());
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobHandlerRegistry>();
        services.AddJobHandler<PlanJobHandler>();
        services.AddJobHandler<CoverageJobHandler>();
        services.AddJobHandler<CompareJobHandler>();
        services.AddJobHandler<PlacementJobHandler>();
        services.AddJobHandler<RoutingJobHandler>();
        if (options.EnableDiagnosticJobs)
        {
            services.AddJobHandler<WaitJobHandler>();
        }

        // Further job kinds (placement, routing, compare) register here, one line each, like the two above.
        configureServices?.Invoke(services);
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<JobWorker>();

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();

        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Every answer is data for one caller: never sniffed as another type, never cached by a proxy or browser.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapHubPlannerApi(options);
        app.MapHubPlannerWeb(options);
        return app;
    }

    /// <summary>
    /// Refuses to listen beyond loopback unless <see cref="ServiceOptions.AllowRemote"/> is set, and then refuses open
    /// reads: an API reachable from other machines answers nobody without a token.
    /// </summary>
    /// <exception cref="InvalidOperationException">Says which address and which setting.</exception>
    public static void CheckExposure(string urls, ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(options);
        var remote = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (remote.Count == 0)
        {
            return;
        }

        if (!options.AllowRemote)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", remote)} is not a loopback address: pass --allow-remote (HubPlanner:AllowRemote=true) to serve other machines");
        }

        if (!options.RequireTokenForReads)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", remote)} is reachable from other machines: reads need a token there (drop --open-reads / RequireTokenForReads=false)");
        }
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("http://*:80", "http://+:80") bind every interface; Uri does not parse them as hosts.
        string host = url.Contains("://*", StringComparison.Ordinal) || url.Contains("://+", StringComparison.Ordinal)
            ? "*"
            : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    /// <summary>Builds and runs until Ctrl+C / SIGTERM / <paramref name="cancellationToken"/>.</summary>
    public static async Task RunAsync(string[] args, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        await using var app = Build(args, configureServices);
        await app.RunAsync(cancellationToken);
    }
}

/// <summary>Migrates the database before the worker starts (hosted services start in registration order).</summary>
internal sealed class DatabaseInitializer(IHubPlannerStore store, ILogger<DatabaseInitializer> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the store opened (created or migrated) it.
        log.LogInformation("Database {Path} ready", store.Location);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
