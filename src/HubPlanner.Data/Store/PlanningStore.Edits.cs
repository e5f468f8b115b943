using System.Text.Json;
using Dapper;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;

namespace HubPlanner.Data.Store;

/// <summary>Validated, all-or-nothing edits of what-if scenarios.</summary>
public sealed partial class PlanningStore
{
    /// <summary>
    /// Appends edits to a what-if scenario after checking that they apply to its current problem (unknown sites,
    /// moves outside the border, unknown equipment types… are refused with <see cref="PlanningInputException"/>).
    /// All edits are stored in one transaction, or none is.
    /// </summary>
    public IReadOnlyList<StoredEdit> ApplyEdits(string scenarioName, IReadOnlyList<ScenarioEdit> edits, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var scenario = GetScenario(scenarioName) ?? throw new BadInputException($"No scenario named '{scenarioName}'.");
        if (scenario.Name == BaseScenarioName)
        {
            throw new BadInputException("The base scenario holds the imported data and takes no edits; create a what-if scenario instead.");
        }

        // Applying them to the current problem is the validation: it throws, naming the edit, before anything is written.
        ScenarioEdit.ApplyAll(LoadProblem(scenarioName, ct), edits);

        using var connection = Connect();
        using var tx = connection.BeginTransaction(deferred: false);
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

        tx.Commit();
        return ListEdits(scenario.Id).Where(e => ids.Contains(e.Id)).ToList();
    }
}
