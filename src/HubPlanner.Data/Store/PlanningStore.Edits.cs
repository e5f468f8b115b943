using System.Text.Json;
using Dapper;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;

namespace HubPlanner.Data.Store;

/// <summary>Validated, all-or-nothing edits of what-if scenarios.</summary>
public sealed partial class PlanningStore
{
    /// <summary>
    /// Appends edits to a what-if scenario after checking, inside the writing transaction, that they apply to its
    /// current problem (a scenario that no longer loads is refused with <see cref="ScenarioLoadException"/>; unknown sites, moves outside the border, unknown equipment types… are refused with
    /// <see cref="PlanningInputException"/>). All edits are stored in one transaction, or none is; two racing
    /// writers each validate against what the other committed, so a second identical <c>remove_site</c> is refused.
    /// </summary>
    public IReadOnlyList<StoredEdit> ApplyEdits(string scenarioName, IReadOnlyList<ScenarioEdit> edits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return _db.Write((connection, tx) =>
        {
            var scenario = GetScenario(connection, tx, scenarioName) ?? throw new BadInputException($"No scenario named '{scenarioName}'.");
            if (scenario.Name == BaseScenarioName)
            {
                throw new BadInputException("The base scenario holds the imported data and takes no edits; create a what-if scenario instead.");
            }

            // Applying them to the problem as committed is the validation: it throws, naming the edit, before anything is written.
            PlanningProblem current;
            try
            {
                current = LoadProblem(connection, tx, scenarioName, cancellationToken);
            }
            catch (PlanningInputException e)
            {
                throw new ScenarioLoadException(scenarioName, e);
            }

            ScenarioEdit.ApplyAll(current, edits);
            var ids = new List<long>();
            foreach (var edit in edits)
            {
                string json = HubPlanner.Core.Contract.EditJson.Serialize(edit);
                using var doc = JsonDocument.Parse(json);
                string kind = doc.RootElement.TryGetProperty("kind", out var k) ? k.GetString() ?? edit.GetType().Name : edit.GetType().Name;
                ids.Add(connection.ExecuteScalar<long>(
                    "INSERT INTO scenario_edits (scenario_id, seq, kind, payload_json) " +
                    "VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM scenario_edits WHERE scenario_id = @id), @kind, @json) RETURNING id",
                    new { id = scenario.Id, kind, json }, tx));
            }

            return ListEdits(connection, tx, scenario.Id).Where(e => ids.Contains(e.Id)).ToList();
        });
    }

    /// <summary>Appends one edit to the what-if scenario with that id; validated like <see cref="ApplyEdits"/>.</summary>
    public StoredEdit AddEdit(long scenarioId, ScenarioEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var scenario = GetScenario(scenarioId) ?? throw new BadInputException($"No scenario with id {scenarioId}.");
        return ApplyEdits(scenario.Name, [edit])[0];
    }
}
