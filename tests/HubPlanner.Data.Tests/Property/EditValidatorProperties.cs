using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HubPlanner.Core.Contract;
using HubPlanner.Core.Domain;
using HubPlanner.Core.Geo;
using HubPlanner.Core.Planning;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Tests.Property;

/// <summary>
/// Properties of the edit validator (contract JSON of <see cref="ScenarioEdit"/> read by <see cref="EditJson"/>,
/// then <see cref="ScenarioEdit.Apply"/>): any mutation of a valid edit is either refused with a
/// <see cref="JsonException"/> that names the JSON path or a <see cref="PlanningInputException"/> with a sentence,
/// or accepted and applies to the problem. Nothing else may escape (an escape is an HTTP 500).
/// </summary>
public sealed class EditValidatorProperties
{
    private static readonly PlanningProblem Problem = HubPlanner.Tests.Shared.TwoSiteSquare.Create();

    /// <summary>One valid edit of every kind, as contract JSON.</summary>
    private static readonly string[] ValidEdits =
    [
        EditJson.Serialize(new AddSiteEdit(new Site("c", "Charlie", SiteKind.City, 31, 49, 500, 50, 20, SiteStatus.Candidate))),
        EditJson.Serialize(new RemoveSiteEdit("a")),
        EditJson.Serialize(new MoveSiteEdit("b", 31.2, 49.2)),
        EditJson.Serialize(new SetSiteStatusEdit("a", SiteStatus.Forbidden)),
        EditJson.Serialize(new SetInventoryEdit("sam", 2, "e")),
        EditJson.Serialize(new AddZoneEdit("z", "Zulu", ZoneKind.Airspace, 1, "POLYGON ((30.5 48.5, 31.5 48.5, 31.5 49.5, 30.5 49.5, 30.5 48.5))")),
        EditJson.Serialize(new SetParameterEdit("hubs", "2")),
    ];

    /// <summary>Replacement values of other types and out-of-range values (no nulls; see below).</summary>
    private static readonly string[] Replacements =
        ["-1", "0", "1e308", "-1e308", "3.5", "\"\"", "\"x\"", "\"a\"", "true", "[]", "{}", "\"POLYGON EMPTY\"", "\"forbidden\"", "300", "\"NaN\""];

    [Fact]
    public void ValidEdits_Apply()
    {
        foreach (string json in ValidEdits)
        {
            Assert.NotNull(EditJson.Deserialize(json)!.Apply(Problem));
        }
    }

    [Property(MaxTest = 500)]
    public FsCheck.Property MutatedEdits_AreRefusedWithAReasonOrApply()
        => Prop.ForAll(MutatedEdit(Replacements).ToArbitrary(), json => Check(json));

    /// <summary>The same for edits whose fields are missing or null (issue 15 saw HTTP 500 for six edit kinds sent without their fields).</summary>
    [Property(MaxTest = 300)]
    public FsCheck.Property EditsWithMissingOrNullFields_AreRefusedWithAReason()
        => Prop.ForAll(MutatedEdit(["null", "<remove>"]).ToArbitrary(), json => Check(json));

    private static Gen<string> MutatedEdit(string[] replacements)
        => from template in Gen.Elements(ValidEdits)
           from fieldPick in Gen.Choose(0, 1000)
           from nestedPick in Gen.Choose(0, 1000)
           from value in Gen.Elements(replacements)
           select Mutate(template, fieldPick, nestedPick, value);

    private static string Mutate(string template, int fieldPick, int nestedPick, string value)
    {
        var root = JsonNode.Parse(template)!.AsObject();
        var fields = root.Select(p => p.Key).Where(k => k != "kind").ToList();
        var target = root;
        string field = fields[fieldPick % fields.Count];
        if (root[field] is JsonObject nested)
        {
            // add_site carries its site as an object: mutate one of its fields instead.
            target = nested;
            var inner = nested.Select(p => p.Key).ToList();
            field = inner[nestedPick % inner.Count];
        }

        if (value == "<remove>")
        {
            target.Remove(field);
        }
        else
        {
            target[field] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }

    private static void Check(string json)
    {
        ScenarioEdit? edit;
        try
        {
            edit = EditJson.Deserialize(json);
        }
        catch (JsonException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Path), $"{json}: a JSON error without the path of the field: {e.Message}");
            return;
        }

        Assert.NotNull(edit);
        try
        {
            Assert.NotNull(edit.Apply(Problem));
        }
        catch (PlanningInputException e)
        {
            Assert.NotEmpty(e.Problems);
            Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        }
    }
}
