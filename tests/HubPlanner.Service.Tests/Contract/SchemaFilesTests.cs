using HubPlanner.Core.Contract;

namespace HubPlanner.Contract.Tests;

public sealed class SchemaFilesTests
{
    [Fact]
    public void CommittedSchemas_AreTheOnesGeneratedFromTheTypes()
    {
        var generated = ContractDocuments.Generate();
        var dir = ContractDocuments.SchemaDirectory;
        if (Environment.GetEnvironmentVariable("HUBPLANNER_UPDATE_SCHEMAS") == "1")
        {
            Directory.CreateDirectory(dir);
            foreach (var stale in Directory.GetFiles(dir, "*.schema.json").Where(f => !generated.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(dir, name), text);
            }
        }

        var committed = Directory.GetFiles(dir, "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(generated.Keys, committed);
        foreach (var (name, text) in generated)
        {
            Assert.True(text == File.ReadAllText(Path.Combine(dir, name)).ReplaceLineEndings("\n"),
                $"docs/schema/{ContractJson.Version}/{name} is out of date: regenerate with HUBPLANNER_UPDATE_SCHEMAS=1 dotnet test tests/HubPlanner.Service.Tests --filter CommittedSchemas");
        }
    }

    [Fact]
    public void EachEditKind_HasItsOwnSchema_RequiringItsKind()
    {
        var files = ContractDocuments.Generate();

        Assert.Equal(9, ContractSchemas.EditKinds.Count); // … plus shift_control and set_control (the theatre)
        foreach (var kind in ContractSchemas.EditKinds)
        {
            Assert.Contains($"\"const\": \"{kind}\"", files[$"edit.{kind}.schema.json"], StringComparison.Ordinal);
        }
    }
}
