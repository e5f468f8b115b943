using HubPlanner.Core.Planning;

namespace HubPlanner.Data.Store;

/// <summary>A scenario as stored does not load (its data or an earlier edit is inconsistent), so nothing can be
/// checked against it; <see cref="Problems"/> says why, one sentence each.</summary>
public sealed class ScenarioLoadException : Exception
{
    public ScenarioLoadException() : this("scenario does not load") { }

    public ScenarioLoadException(string message) : base(message) => Problems = [message];

    public ScenarioLoadException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Wraps the load failure of <paramref name="scenarioName"/>.</summary>
    public ScenarioLoadException(string scenarioName, PlanningInputException inner)
        : base(inner?.Message ?? $"scenario '{scenarioName}' does not load", inner)
    {
        Scenario = scenarioName;
        Problems = inner?.Problems ?? [Message];
    }

    /// <summary>The scenario's name, when known.</summary>
    public string? Scenario { get; }

    /// <summary>Why it does not load.</summary>
    public IReadOnlyList<string> Problems { get; }
}
