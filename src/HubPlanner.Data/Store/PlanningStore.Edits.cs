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

    /// <summary>
    /// Removes one edit of a what-if scenario (<paramref name="seq"/>, or its last edit when null), so a scenario whose
    /// edits no longer apply can always be repaired. The remaining edits are re-applied inside the same transaction:
    /// if the scenario loaded before and would not after (a later edit depends on the removed one), nothing is removed
    /// and the <see cref="PlanningInputException"/> names the edit that would break and why. Removing an edit from a
    /// scenario that already fails to load is always allowed; <see cref="EditRemoval.StillFailing"/> then says what
    /// still does not apply.
    /// </summary>
    /// <exception cref="BadInputException">No such scenario, the base scenario, or no edit with that sequence number.</exception>
    public EditRemoval RemoveEdit(string scenarioName, int? seq = null, CancellationToken cancellationToken = default) =>
        _db.Write((connection, tx) =>
        {
            var scenario = GetScenario(connection, tx, scenarioName) ?? throw new BadInputException($"No scenario named '{scenarioName}'.");
            if (scenario.Name == BaseScenarioName)
            {
                throw new BadInputException("The base scenario holds the imported data and has no edits to remove.");
            }

            var edits = ListEdits(connection, tx, scenario.Id);
            if (edits.Count == 0)
            {
                throw new BadInputException($"scenario '{scenarioName}' has no edits to remove");
            }

            var removed = seq is { } n
                ? edits.FirstOrDefault(e => e.Seq == n)
                  ?? throw new BadInputException($"scenario '{scenarioName}' has no edit #{n}; its edits are #{string.Join(", #", edits.Select(e => e.Seq))}")
                : edits[^1];
            var before = TryLoad(connection, tx, scenarioName, cancellationToken);
            connection.Execute("DELETE FROM scenario_edits WHERE id = @id", new { id = removed.Id }, tx);
            var after = TryLoad(connection, tx, scenarioName, cancellationToken);
            if (before is null && after is not null)
            {
                // The scenario loaded with the edit and does not without it: keep it (the transaction rolls back).
                throw new PlanningInputException(after.Problems.Select(p => $"removing edit #{removed.Seq} ({removed.Kind}) would break the scenario: {p}").ToList());
            }

            return new EditRemoval(removed, after?.Problems ?? []);
        });

    private static PlanningInputException? TryLoad(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction tx,
        string scenarioName, CancellationToken cancellationToken)
    {
        try
        {
            LoadProblem(connection, tx, scenarioName, cancellationToken);
            return null;
        }
        catch (PlanningInputException e)
        {
            return e;
        }
    }

    /// <summary>Appends one edit to the what-if scenario with that id; validated like <see cref="ApplyEdits"/>.</summary>
    public StoredEdit AddEdit(long scenarioId, ScenarioEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var scenario = GetScenario(scenarioId) ?? throw new BadInputException($"No scenario with id {scenarioId}.");
        return ApplyEdits(scenario.Name, [edit])[0];
    }
}
