using System.Runtime.InteropServices;
using HubPlanner.Data.Input;

namespace HubPlanner.Data.Store;

/// <summary>
/// Guards the files a command writes: an output must never be the planning database or one of the files SQLite
/// keeps beside it (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>), whatever path names it (relative, through a symbolic
/// link, or a hard link to the same file), and its folder must be writable. Checked before any solving, so a
/// refused output costs nothing and commits nothing.
/// </summary>
/// <remarks>
/// Identity is the file system's, not the path's: on Linux and macOS two paths are the same file when
/// <c>stat</c> gives the same device and inode (a hard link has no other distinguishing mark); a file that does not
/// exist yet is identified by its folder's device and inode plus its name, after resolving symbolic links. On
/// Windows the resolved full paths are compared, case-insensitively.
/// </remarks>
public static partial class OutputPaths
{
    /// <summary>Suffixes of the files SQLite keeps beside a database.</summary>
    public static IReadOnlyList<string> DatabaseCompanions { get; } = ["", "-wal", "-shm", "-journal"];

    /// <summary>
    /// Checks that <paramref name="outputFile"/> may be written: not the database at <paramref name="databasePath"/>
    /// nor any of its companions, not a folder, and its folder exists (created if missing) and is writable.
    /// </summary>
    /// <returns>The full path of the output.</returns>
    /// <exception cref="BadInputException">Says which path and why.</exception>
    public static string CheckOutputFile(string outputFile, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        string full = Path.GetFullPath(outputFile);
        if (Directory.Exists(full))
        {
            throw new BadInputException($"output '{outputFile}' is a folder; name a file");
        }

        foreach (string suffix in DatabaseCompanions)
        {
            string companion = Path.GetFullPath(databasePath + suffix);
            if (SameFile(full, companion))
            {
                throw new BadInputException(
                    $"output '{outputFile}' is the planning database{(suffix.Length == 0 ? "" : $"'s {suffix[1..]} file")} ({companion}); " +
                    "writing it would destroy the database: choose another --out");
            }
        }

        CheckWritable(full, outputFile);
        return full;
    }

    /// <summary>Checks that files can be created in <paramref name="outputFolder"/> (created if missing) and that none
    /// of <paramref name="fileNames"/> in it is the database or a companion.</summary>
    /// <returns>The full path of the folder.</returns>
    /// <exception cref="BadInputException">Says which path and why.</exception>
    public static string CheckOutputFolder(string outputFolder, string databasePath, params string[] fileNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentNullException.ThrowIfNull(fileNames);
        string full = Path.GetFullPath(outputFolder);
        if (File.Exists(full))
        {
            throw new BadInputException($"output folder '{outputFolder}' is a file; name a folder");
        }

        foreach (string name in fileNames)
        {
            CheckOutputFile(Path.Combine(full, name), databasePath);
        }

        if (fileNames.Length == 0)
        {
            CheckWritable(Path.Combine(full, ".hubplanner-probe"), outputFolder);
        }

        return full;
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same file (existing or not).</summary>
    public static bool SameFile(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (OperatingSystem.IsWindows())
        {
            return string.Equals(FinalTarget(a), FinalTarget(b), StringComparison.OrdinalIgnoreCase);
        }

        if (Identity(a) is { } ia && Identity(b) is { } ib)
        {
            return ia == ib;
        }

        // One of them does not exist (yet): same folder and same name after resolving links.
        string ta = FinalTarget(a), tb = FinalTarget(b);
        if (!string.Equals(Path.GetFileName(ta), Path.GetFileName(tb), StringComparison.Ordinal))
        {
            return false;
        }

        var da = Identity(Path.GetDirectoryName(ta) ?? "/");
        var db = Identity(Path.GetDirectoryName(tb) ?? "/");
        return da is not null ? da == db : string.Equals(ta, tb, StringComparison.Ordinal);
    }

    private static void CheckWritable(string full, string asGiven)
    {
        string folder = Path.GetDirectoryName(full) ?? ".";
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".hubplanner-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            if (File.Exists(full))
            {
                using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new BadInputException($"output '{asGiven}' cannot be written ({e.Message}); nothing was planned or written");
        }
    }

    /// <summary>The full path with every symbolic link of the file itself resolved (the file need not exist).</summary>
    private static string FinalTarget(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            return target is null ? full : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>Device and inode of the file or folder at <paramref name="path"/> (links followed), null when it does not exist.</summary>
    private static (ulong Device, ulong Inode)? Identity(string path)
    {
        if (OperatingSystem.IsWindows() || (!File.Exists(path) && !Directory.Exists(path)))
        {
            return null;
        }

        // struct stat: Linux (x86-64, arm64) st_dev is 8 bytes at 0; macOS st_dev is 4 bytes at 0; st_ino is 8 bytes at 8 on both.
        var buffer = new byte[512];
        if (Stat(path, buffer) != 0)
        {
            return null;
        }

        ulong device = OperatingSystem.IsMacOS() ? BitConverter.ToUInt32(buffer, 0) : BitConverter.ToUInt64(buffer, 0);
        return (device, BitConverter.ToUInt64(buffer, 8));
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}
