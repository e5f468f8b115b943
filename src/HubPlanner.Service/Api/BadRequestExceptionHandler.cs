using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HubPlanner.Service.Api;

/// <summary>
/// Turns a body that cannot be read (malformed JSON, a wrong type, too large) into a ProblemDetails that names
/// the field, e.g. <c>{"errors": {"params": ["…"]}}</c> from the JSON path of the failure.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
        var message = json is not null
            ? $"is not valid: {json.Message}"
            : bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "is larger than the request size limit" : bad.Message;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "The request body could not be read",
        };
        httpContext.Response.StatusCode = bad.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }
}
