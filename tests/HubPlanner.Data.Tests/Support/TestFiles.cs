using Dapper;
using HubPlanner.Data.Store;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Tests.Support;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hp-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a text file (LF line ends) and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}

/// <summary>The tiny fixture datasets under Fixtures/ (expected answers in Fixtures/seven-nodes/README.md).</summary>
public static class Fixtures
{
    public static string SevenNodes => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "seven-nodes");

    /// <summary>Copies the seven-nodes dataset into <paramref name="dir"/>/data and returns that folder.</summary>
    public static string CopySevenNodes(TempDir dir)
    {
        string target = dir.File("data");
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(SevenNodes))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return target;
    }

    /// <summary>Row counts of every table of the file, read directly with SQL (independent of the store API).</summary>
    public static Dictionary<string, long> CountAllTables(string dbPath)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        return tables.ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\""));
    }

    /// <summary>A store loaded with the seven-nodes dataset.</summary>
    public static PlanningStore LoadedStore(TempDir dir, TimeProvider? clock = null)
    {
        var store = PlanningStore.Open(dir.File("plan.gpkg"), clock);
        HubPlanner.Data.Import.DatasetImporter.LoadDataset(store, HubPlanner.Data.Import.DatasetImporter.ReadDataset(SevenNodes));
        return store;
    }
}

/// <summary>A clock that moves only when told to.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
