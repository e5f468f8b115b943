using System.Text.Json;
using HubPlanner.Data.Store;
using Microsoft.Extensions.DependencyInjection;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// Runs one kind of job (<c>plan</c>, <c>placement</c>, <c>routing</c>, <c>coverage</c>, <c>compare</c>, …).
/// The worker owns leases, heartbeats, timeouts and the result write; a handler only computes. It must
/// observe the cancellation token (cancel request, timeout, lost lease, shutdown) and must not
/// write the result itself: the worker stores the returned <see cref="JobOutcome"/> in one transaction with
/// the status change. Throw <see cref="JobFailedException"/> for a job that cannot run (bad scenario, …).
/// Register with <c>services.AddJobHandler&lt;T&gt;()</c>.
/// </summary>
public interface IJobHandler
{
    /// <summary>The job kind this handler runs (lower case).</summary>
    string Kind { get; }

    /// <summary>Checks the submitted parameters before the job is queued; each problem names its field
    /// (e.g. <c>params.hubs</c>) so that the API answers 400 with that field.</summary>
    IReadOnlyList<FieldError> Validate(JsonElement parameters, long? scenarioId);

    /// <summary>Runs the job.</summary>
    Task<JobOutcome> RunAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>A problem with one field of a request.</summary>
/// <param name="Field">The field's path, e.g. <c>params.steps</c>.</param>
/// <param name="Message">A sentence saying what is wrong and what was expected.</param>
public sealed record FieldError(string Field, string Message);

/// <summary>What a handler gets to run one job.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="ScenarioId">The scenario the job is about, when it has one.</param>
/// <param name="Parameters">The submitted parameters (validated by <see cref="IJobHandler.Validate"/>).</param>
/// <param name="Attempt">1 for the first run; more when a crashed worker's job is run again.</param>
/// <param name="Progress">Where to report progress; the worker writes the latest report to the job row.</param>
public sealed record JobContext(long JobId, long? ScenarioId, JsonElement Parameters, long Attempt, IProgress<JobProgress> Progress);

/// <summary>A progress report: stage, fraction of the whole job, a message, and the solver's current
/// objective and bound when it has them.</summary>
public sealed record JobProgress(string Stage, double Fraction, string? Message = null, double? Objective = null, double? Bound = null);

/// <summary>A job that cannot succeed, with a sentence saying why (stored in <c>jobs.error</c>).</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException() { }

    public JobFailedException(string message) : base(message) { }

    public JobFailedException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The registered handlers, by kind.</summary>
public sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, IJobHandler> _byKind;

    /// <summary>Builds the registry; two handlers for one kind are a wiring bug.</summary>
    public JobHandlerRegistry(IEnumerable<IJobHandler> handlers)
    {
        _byKind = new Dictionary<string, IJobHandler>(StringComparer.Ordinal);
        foreach (var h in handlers)
        {
            if (!_byKind.TryAdd(h.Kind, h))
            {
                throw new InvalidOperationException($"two job handlers registered for kind '{h.Kind}'");
            }
        }
    }

    /// <summary>The kinds that can be submitted, sorted.</summary>
    public IReadOnlyList<string> Kinds => _byKind.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The handler of a kind, or null.</summary>
    public IJobHandler? Find(string kind) => _byKind.GetValueOrDefault(kind);
}

/// <summary>Registration of job handlers.</summary>
public static class JobHandlerServiceCollectionExtensions
{
    /// <summary>Registers a handler; the lead's plan job is one line: <c>services.AddJobHandler&lt;PlanJobHandler&gt;()</c>.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddSingleton<IJobHandler, THandler>();
        return services;
    }
}
