using System.Text.Json;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Store;

namespace HubPlanner.Service.Jobs;

/// <summary>
/// Job kind <c>compare</c>: what changed between the latest plans of two scenarios (hubs added and removed,
/// coverage per band, routes, cost, time). Parameters: <c>{"a": "base", "b": "lose-dnipro"}</c>. The report is the
/// <see cref="PlanComparison"/> as JSON; there is no GeoJSON.
/// </summary>
public sealed class CompareJobHandler(IHubPlannerStore store) : IJobHandler
{
    private static readonly JsonSerializerOptions ReportJson = HubPlanner.Core.Contract.ContractJson.Options;

    /// <inheritdoc />
    public string Kind => JobKinds.Compare;

    /// <inheritdoc />
    public IReadOnlyList<FieldError> Validate(JsonElement parameters, long? scenarioId)
    {
        var errors = new List<FieldError>();
        foreach (var name in new[] { "a", "b" })
        {
            if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var v)
                || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
            {
                errors.Add(new FieldError($"params.{name}", "is required: the name of a planned scenario"));
            }
        }

        return errors;
    }

    /// <inheritdoc />
    public Task<JobOutcome> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.Run(() =>
        {
            string a = context.Parameters.GetProperty("a").GetString()!, b = context.Parameters.GetProperty("b").GetString()!;
            context.Progress.Report(new JobProgress("compare", 0, $"comparing {a} with {b}"));
            PlanResult Latest(string name)
            {
                if (store.GetScenario(name) is null)
                {
                    throw new JobFailedException($"scenario '{name}' does not exist");
                }

                return store.LatestPlan(name) ?? throw new JobFailedException($"scenario '{name}' has not been planned yet");
            }

            var comparison = PlanComparison.Compare(Latest(a), Latest(b));
            context.Progress.Report(new JobProgress("compare", 1, "compared"));
            return new JobOutcome(JsonSerializer.Serialize(new { kind = JobKinds.Compare, comparison }, ReportJson), null, null);
        }, cancellationToken);
    }
}
