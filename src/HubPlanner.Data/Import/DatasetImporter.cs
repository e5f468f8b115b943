using System.Security.Cryptography;
using Dapper;
using HubPlanner.Core.Domain;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using NetTopologySuite.Geometries;

namespace HubPlanner.Data.Import;

/// <summary>How many records of one kind were read from one file.</summary>
public sealed record ImportOutcome(ImportKind Kind, string File, int Records);

/// <summary>A dataset folder read and validated in full, ready to be written.</summary>
/// <param name="Directory">The folder it was read from.</param>
/// <param name="Sha256">Hash of the files' names and contents: the same hash means the same data.</param>
public sealed record PreparedDataset(string Directory, string Sha256, PlanningDataset Data, IReadOnlyList<ImportOutcome> Files);

/// <summary>What <see cref="DatasetImporter.LoadDataset"/> did.</summary>
/// <param name="Changed">False when the database already held exactly this dataset (nothing was written).</param>
public sealed record DatasetLoadOutcome(string Directory, string Sha256, bool Changed, IReadOnlyList<ImportOutcome> Files);

/// <summary>
/// Loads dataset files into the planning store. Everything is read and checked before anything is written,
/// and everything is written in one transaction, so bad input leaves the database exactly as it was.
/// </summary>
public static class DatasetImporter
{
    private const string InitSource = "init";

    /// <summary>Reads and validates every file of a dataset folder (<c>data/ukraine/</c> layout) without touching any database.</summary>
    /// <exception cref="BadInputException">A required file is missing or any file has problems (all are reported).</exception>
    public static PreparedDataset ReadDataset(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new BadInputException($"Dataset folder {directory} does not exist.");
        }

        var missing = ImportKinds.All
            .Where(k => ImportKinds.RequiredInDataset(k) && !File.Exists(Path.Combine(directory, ImportKinds.FileName(k))))
            .Select(k => new InputError(Path.Combine(directory, ImportKinds.FileName(k)), null, null, null,
                "is missing; a dataset folder needs it (see data/FORMAT.md)"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new BadInputException(missing);
        }

        // Positions are checked against the border of the same dataset, so it is read first (its own problems are
        // reported when its turn comes in the loop below).
        var known = new KnownIds();
        string borderPath = Path.Combine(directory, ImportKinds.FileName(ImportKind.Border));
        if (File.Exists(borderPath))
        {
            var border = DatasetFileReader.Read(ImportKind.Border, borderPath, new ErrorCollector(borderPath), known);
            known.StudyArea = StudyArea.Of(border.Border.Select(b => b.Geometry));
        }

        var data = PlanningDataset.Empty;
        var errors = new List<InputError>();
        var files = new List<ImportOutcome>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var kind in ImportKinds.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = Path.Combine(directory, ImportKinds.FileName(kind));
            if (!File.Exists(path))
            {
                continue;
            }

            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(ImportKinds.FileName(kind) + "\0"));
            hash.AppendData(File.ReadAllBytes(path));
            var collector = new ErrorCollector(path);
            var part = DatasetFileReader.Read(kind, path, collector, known);
            errors.AddRange(collector.ToList());
            data = Merge(data, part);
            files.Add(new ImportOutcome(kind, path, Count(part)));
        }

        if (errors.Count > 0)
        {
            throw new BadInputException(errors);
        }

        return new PreparedDataset(directory, Convert.ToHexStringLower(hash.GetHashAndReset()), data, files);
    }

    /// <summary>
    /// Makes the store's base data equal to <paramref name="dataset"/>: a no-op when the last dataset loaded by
    /// init had the same hash (init is idempotent); otherwise replaces every base table in one transaction.
    /// Scenarios, jobs and results are kept.
    /// </summary>
    public static DatasetLoadOutcome LoadDataset(IPlanningDataStore store, PreparedDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dataset);
        bool changed = store.ReplaceBaseData(dataset.Data, InitSource, dataset.Sha256, cancellationToken);
        return new DatasetLoadOutcome(dataset.Directory, dataset.Sha256, changed, dataset.Files);
    }

    /// <summary>
    /// Imports one file into an existing store: rows are added or, where their id exists, replaced; context
    /// layers (border, coast, neighbours) are replaced whole. References may point to rows already stored; the
    /// file is read and checked against them inside the writing transaction.
    /// </summary>
    /// <param name="displayName">How to name the file in messages (the path as the user typed it); defaults to the path.</param>
    /// <exception cref="BadInputException">The file has problems; nothing was written.</exception>
    public static ImportOutcome ImportFile(IPlanningDataStore store, ImportKind kind, string path, string? displayName = null,
        CancellationToken cancellationToken = default)
        => ImportFile(store, kind, path, displayName, ImportOptions.Default, cancellationToken);

    /// <inheritdoc cref="ImportFile(IPlanningDataStore, ImportKind, string, string?, CancellationToken)"/>
    /// <param name="options">What the import allows beyond the defaults (a declared expected border area).</param>
    public static ImportOutcome ImportFile(IPlanningDataStore store, ImportKind kind, string path, string? displayName,
        ImportOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string shownName = displayName ?? path;
        if (!File.Exists(path))
        {
            throw new BadInputException([new InputError(shownName, null, null, null, "does not exist")]);
        }

        var written = store.Import(known =>
        {
            var collector = new ErrorCollector(shownName);
            known.Options = options ?? ImportOptions.Default;
            var data = DatasetFileReader.Read(kind, path, collector, known);
            collector.ThrowIfAny();
            return data;
        }, withRoadNodes: kind is ImportKind.Roads or ImportKind.RoadNodes, cancellationToken);
        return new ImportOutcome(kind, shownName, Count(written));
    }

    private static int Count(PlanningDataset d)
        => d.Sites.Count + d.EntryPoints.Count + d.Places.Count + d.EquipmentTypes.Count + d.Inventory.Count + d.DemandPoints.Count
           + d.Zones.Count + d.RoadNodes.Count + d.Roads.Count + d.VehicleTypes.Count + d.Fleet.Count + d.Border.Count + d.Coast.Count
           + d.Neighbours.Count + d.Control.Count + d.Threats.Count + d.UrbanAreas.Count;

    private static PlanningDataset Merge(PlanningDataset a, PlanningDataset b) => a with
    {
        Sites = Concat(a.Sites, b.Sites),
        EntryPoints = Concat(a.EntryPoints, b.EntryPoints),
        Places = Concat(a.Places, b.Places),
        EquipmentTypes = Concat(a.EquipmentTypes, b.EquipmentTypes),
        Inventory = Concat(a.Inventory, b.Inventory),
        DemandPoints = Concat(a.DemandPoints, b.DemandPoints),
        Zones = Concat(a.Zones, b.Zones),
        RoadNodes = Concat(a.RoadNodes, b.RoadNodes),
        Roads = Concat(a.Roads, b.Roads),
        VehicleTypes = Concat(a.VehicleTypes, b.VehicleTypes),
        Fleet = Concat(a.Fleet, b.Fleet),
        Border = Concat(a.Border, b.Border),
        Coast = Concat(a.Coast, b.Coast),
        Neighbours = Concat(a.Neighbours, b.Neighbours),
        Control = Concat(a.Control, b.Control),
        Threats = Concat(a.Threats, b.Threats),
        UrbanAreas = Concat(a.UrbanAreas, b.UrbanAreas),
        IllustrativeZoneIds = a.IllustrativeZoneIds.Concat(b.IllustrativeZoneIds).ToHashSet(StringComparer.Ordinal),
    };

    private static List<T> Concat<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => [.. a, .. b];
}
