using Microsoft.Data.Sqlite;

namespace HubPlanner.Data.Store;

/// <summary>
/// The database failed (locked beyond the busy timeout, disk full, corrupt file, a constraint the store did not
/// check first). Hosts map it to an exit code or an HTTP status without knowing which database is behind the
/// store; the message names the store's error.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException() { }

    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }

    /// <summary>True when another writer held the database longer than the busy timeout: worth retrying.</summary>
    public bool IsBusy { get; init; }

    internal static StoreException From(SqliteException e) =>
        new(e.Message, e) { IsBusy = e.SqliteErrorCode is 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED
}
