using System.Text.Json;
using Dapper;
using HubPlanner.Cli.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Cli.Tests;

/// <summary>Runs the real <c>hubplanner</c> command line in-process, in a temporary working directory.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "hp-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        WorkingDirectory = Root;
    }

    public string Root { get; }

    public string WorkingDirectory { get; set; }

    public Dictionary<string, string> Variables { get; } = [];

    public static string SevenNodesDataset => Path.Combine(AppContext.BaseDirectory, "Fixtures", "seven-nodes");

    public string DbPath => Path.Combine(WorkingDirectory, "hubplanner.gpkg");

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new CliEnvironment(stdout, stderr, WorkingDirectory, name => Variables.GetValueOrDefault(name),
            AppContext.BaseDirectory, Interactive: false);
        int exit = HubPlannerCli.RunAsync(args, env).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static JsonElement Json(string stdout)
    {
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    public string Write(string name, string text)
    {
        string path = Path.Combine(WorkingDirectory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>Row counts of every table, read with plain SQL (independent of the code under test).</summary>
    public static Dictionary<string, long> CountAllTables(string dbPath)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        return connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\""));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // harmless leftover
        }
    }
}
