using HubPlanner.Data.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HubPlanner.Service.Api;

/// <summary>
/// Maps a failure of the store (<see cref="StoreException"/>, whatever database is behind it) to ProblemDetails:
/// 503 with <c>Retry-After</c> when the database stayed busy beyond its timeout (worth retrying), 500 otherwise.
/// </summary>
internal sealed class StoreExceptionHandler(ILogger<StoreExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreException store)
        {
            return false;
        }

        log.LogError(store, "Database error on {Path}", httpContext.Request.Path);
        int status = store.IsBusy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (store.IsBusy)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = store.IsBusy ? "The database is busy; retry shortly" : "Database error",
            Detail = store.Message,
        };
        await httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }
}
