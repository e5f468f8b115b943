using System.Globalization;
using System.Text.Json;
using HubPlanner.Data.Store;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// Diagnostic job kind <c>wait</c>: sleeps <c>steps</c> × <c>step_ms</c>, reporting progress after each step,
/// then returns a small report and a one-point GeoJSON. It exercises everything the worker does (claim,
/// heartbeat, progress, cancel, timeout, crash recovery, result write) without a solver, for the crash test
/// and the load test. Registered only when <c>EnableDiagnosticJobs</c> is set.
/// </summary>
public sealed class WaitJobHandler : IJobHandler
{
    private const int MaxSteps = 100_000;
    private const int MaxStepMs = 60_000;

    /// <inheritdoc />
    public string Kind => JobKinds.Wait;

    /// <inheritdoc />
    public IReadOnlyList<FieldError> Validate(JsonElement parameters, long? scenarioId)
    {
        var errors = new List<FieldError>();
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("params", "expected an object such as {\"steps\": 10, \"step_ms\": 100}"));
            return errors;
        }

        CheckInt(parameters, "steps", 1, MaxSteps, required: true, errors);
        CheckInt(parameters, "step_ms", 0, MaxStepMs, required: false, errors);
        CheckInt(parameters, "fail_at", 1, MaxSteps, required: false, errors);
        return errors;
    }

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var steps = context.Parameters.GetProperty("steps").GetInt32();
        var stepMs = context.Parameters.TryGetProperty("step_ms", out var s) ? s.GetInt32() : 100;
        var failAt = context.Parameters.TryGetProperty("fail_at", out var f) ? f.GetInt32() : 0;
        for (var i = 1; i <= steps; i++)
        {
            await Task.Delay(stepMs, cancellationToken);
            if (i == failAt)
            {
                throw new JobFailedException($"step {i} of {steps} failed on request (fail_at = {failAt})");
            }

            context.Progress.Report(new JobProgress("wait", (double)i / steps, $"step {i} of {steps}", Objective: i, Bound: steps));
        }

        var report = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = Kind,
            ["job_id"] = context.JobId,
            ["steps"] = steps,
            ["step_ms"] = stepMs,
            ["attempt"] = context.Attempt,
        });
        var geojson = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"type":"FeatureCollection","features":[{"type":"Feature","id":{{{context.JobId}}},"geometry":{"type":"Point","coordinates":[30.5234,50.4501]},"properties":{"job_id":{{{context.JobId}}},"steps":{{{steps}}}}}]}""");
        return new JobOutcome(report, geojson, Seed: null);
    }

    private static void CheckInt(JsonElement p, string name, int min, int max, bool required, List<FieldError> errors)
    {
        if (!p.TryGetProperty(name, out var v))
        {
            if (required)
            {
                errors.Add(new FieldError($"params.{name}", $"is required: an integer from {min} to {max}"));
            }

            return;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < min || n > max)
        {
            errors.Add(new FieldError($"params.{name}", $"is {v.GetRawText()}; expected an integer from {min} to {max}"));
        }
    }
}
