using HubPlanner.Data.Store;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Service.Tests;

/// <summary>A migrated database in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hp-service-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "test.gpkg");
        Store = PlanningStore.Open(FilePath);
    }

    /// <summary>A migrated database holding the shared mini dataset (tests/fixtures/mini: 7 towns, 5 candidate sites, Vinnytsia area).</summary>
    public static TempDatabase WithMiniDataset()
    {
        var db = new TempDatabase();
        var mini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
        HubPlanner.Data.Import.DatasetImporter.LoadDataset(db.Store, HubPlanner.Data.Import.DatasetImporter.ReadDataset(mini));
        return db;
    }

    public string Directory { get; }

    public string FilePath { get; }

    /// <summary>The store on the file (what the service under test opens too).</summary>
    public PlanningStore Store { get; }

    /// <summary>A raw connection, for tests that inspect or tamper with rows directly.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false, ForeignKeys = true }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the file for a moment; the OS temp cleaner gets it later.
        }
    }
}
