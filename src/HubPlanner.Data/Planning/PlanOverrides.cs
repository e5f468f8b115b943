using System.Globalization;
using System.Text.Json;
using HubPlanner.Core.Planning;

namespace HubPlanner.Data.Planning;

/// <summary>
/// What one plan run changes on top of its scenario: plan parameters (key → value as text, each checked by
/// <see cref="PlanParameters.With"/>), deterministic mode and the last stage to run. The CLI builds it from its
/// options and the service from a job's <c>params</c> object (<see cref="FromJson"/>): one parser, one meaning.
/// </summary>
/// <param name="Parameters">Parameter overrides in the order they apply.</param>
/// <param name="Deterministic">Stop searches on solution limits, not time (same seed, same plan on any machine).</param>
/// <param name="StopAfter">The last stage to run (e.g. <c>placement</c>, <c>routing</c>); null runs them all.</param>
public sealed record PlanOverrides(IReadOnlyList<KeyValuePair<string, string>> Parameters, bool Deterministic = false, PlanStage? StopAfter = null)
{
    /// <summary>The JSON key of deterministic mode in a job's parameters.</summary>
    public const string DeterministicKey = "deterministic";

    /// <summary>No overrides: the scenario as stored, time-limited searches, every stage.</summary>
    public static PlanOverrides None { get; } = new([]);

    /// <summary>
    /// Reads a job's parameters: an object of parameter key → number, text, boolean or array (joined with commas),
    /// plus <c>"deterministic": true|false</c>. Each value is checked; the first problem names its key.
    /// </summary>
    /// <exception cref="PlanOverrideException">The value of <see cref="PlanOverrideException.Key"/> is not valid.</exception>
    public static PlanOverrides FromJson(JsonElement parameters, PlanStage? stopAfter = null)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new PlanOverrideException("", "expected an object of plan parameters, e.g. {\"hubs\": 6}");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        bool deterministic = false;
        foreach (var p in parameters.EnumerateObject())
        {
            if (p.Name == DeterministicKey)
            {
                deterministic = p.Value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new PlanOverrideException(p.Name, "expected true or false"),
                };
                continue;
            }

            string text = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Array => string.Join(",", p.Value.EnumerateArray().Select(v => v.GetRawText())),
                _ => throw new PlanOverrideException(p.Name, $"expected a number or text, not {p.Value.ValueKind.ToString().ToLowerInvariant()}"),
            };
            pairs.Add(new(p.Name, text));
        }

        var overrides = new PlanOverrides(pairs, deterministic, stopAfter);
        _ = overrides.ApplyTo(new PlanParameters());
        return overrides;
    }

    /// <summary>Overrides from command-line options; null options are left out. The time limit applies to every solver stage.</summary>
    public static PlanOverrides FromOptions(string? model = null, int? hubs = null, double? timeLimitSeconds = null, int? seed = null,
        bool deterministic = false, PlanStage? stopAfter = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (model is not null)
        {
            pairs.Add(new("model", model));
        }

        if (hubs is { } k)
        {
            pairs.Add(new("hubs", k.ToString(CultureInfo.InvariantCulture)));
        }

        if (timeLimitSeconds is { } t)
        {
            string s = t.ToString(CultureInfo.InvariantCulture);
            pairs.Add(new("placement_time_limit_s", s));
            pairs.Add(new("allocation_time_limit_s", s));
            pairs.Add(new("routing_time_limit_s", s));
        }

        if (seed is { } sd)
        {
            pairs.Add(new("seed", sd.ToString(CultureInfo.InvariantCulture)));
        }

        return new PlanOverrides(pairs, deterministic, stopAfter);
    }

    /// <summary>The scenario's parameters with these overrides applied in order.</summary>
    /// <exception cref="PlanOverrideException">A value is not valid for its key.</exception>
    public PlanParameters ApplyTo(PlanParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (key, value) in Parameters)
        {
            try
            {
                parameters = parameters.With(key, value);
            }
            catch (PlanningInputException ex)
            {
                throw new PlanOverrideException(key, string.Join(" ", ex.Problems), ex);
            }
        }

        return parameters;
    }
}

/// <summary>A plan override that is not valid: which key, and why (a sentence).</summary>
public sealed class PlanOverrideException : Exception
{
    public PlanOverrideException()
        : this("", "plan override not valid")
    {
    }

    public PlanOverrideException(string message)
        : this("", message)
    {
    }

    public PlanOverrideException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "";
        Problems = [message];
    }

    public PlanOverrideException(string key, string message)
        : base(message)
    {
        Key = key;
        Problems = [message];
    }

    public PlanOverrideException(string key, string message, PlanningInputException inner)
        : base(message, inner)
    {
        Key = key;
        Problems = inner?.Problems ?? [message];
    }

    /// <summary>The parameter key (empty when the parameters as a whole are wrong).</summary>
    public string Key { get; }

    /// <summary>The problems, one sentence each, as <see cref="PlanParameters.With"/> stated them.</summary>
    public IReadOnlyList<string> Problems { get; }
}
