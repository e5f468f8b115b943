using HubPlanner.Service.Storage;
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
        Database = new ServiceDatabase(FilePath);
        Database.Migrate();
    }

    /// <summary>A migrated database holding the mini dataset (tests/fixtures/mini: 5 candidate sites, Vinnytsia area).</summary>
    public static TempDatabase WithMiniDataset()
    {
        var db = new TempDatabase();
        var store = HubPlanner.Data.Store.PlanningStore.Open(db.FilePath);
        var mini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini");
        HubPlanner.Data.Import.DatasetImporter.LoadDataset(store, HubPlanner.Data.Import.DatasetImporter.ReadDataset(mini));
        return db;
    }

    public string Directory { get; }

    public string FilePath { get; }

    public ServiceDatabase Database { get; }

    public void Dispose()
    {
        Database.Dispose();
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
