using HubPlanner.Core.Planning;
using HubPlanner.Data.Input;

namespace HubPlanner.Data.Import;

/// <summary>Reads a control-map GeoJSON file (the <c>control</c> import format) into a <see cref="SetControlEdit"/>.</summary>
public static class ControlFile
{
    /// <summary>The file's areas as one edit that replaces a scenario's control map.</summary>
    /// <param name="displayName">How to name the file in messages; defaults to the path.</param>
    /// <exception cref="BadInputException">The file is missing or has problems (every one listed, as an import would).</exception>
    public static SetControlEdit ReadEdit(string path, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string shown = displayName ?? path;
        if (!File.Exists(path))
        {
            throw new BadInputException([new InputError(shown, null, null, null, "does not exist")]);
        }

        var collector = new ErrorCollector(shown);
        var data = DatasetFileReader.Read(ImportKind.Control, path, collector, new KnownIds());
        collector.ThrowIfAny();
        return new SetControlEdit(data.Control
            .Select(c => new ControlAreaSpec(c.Id, c.Name, c.Status, c.AsOf, c.Source, c.Active, c.Geometry.AsText()))
            .ToList());
    }
}
