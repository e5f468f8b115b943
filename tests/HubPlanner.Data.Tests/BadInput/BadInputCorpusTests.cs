using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Store;
using HubPlanner.Data.Tests.Support;
using Xunit.Abstractions;

namespace HubPlanner.Data.Tests.BadInput;

/// <summary>One seven-nodes database shared by the corpus: a refused import must not change it, so cases cannot interfere.</summary>
public sealed class CorpusStore : IDisposable
{
    private readonly TempDir _dir = new();

    public CorpusStore()
    {
        Store = Fixtures.LoadedStore(_dir);
        Directory = _dir;
    }

    public PlanningStore Store { get; }

    public TempDir Directory { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Every case of the bad-input corpus is refused cleanly: a <see cref="BadInputException"/> (exit 2 on the command
/// line) whose errors name the file, the line or feature and the field, with the expected text, and the
/// database's per-table hash is identical afterwards.
/// </summary>
public sealed class BadInputCorpusTests(CorpusStore corpus, ITestOutputHelper output) : IClassFixture<CorpusStore>
{
    private enum Outcome { CleanError, WrongError, Accepted, Crash }

    [Theory]
    [MemberData(nameof(BadInputCorpus.Names), MemberType = typeof(BadInputCorpus))]
    public void Corpus_CaseIsRefusedWithItsPlaceAndField_AndTheDatabaseIsUnchanged(string name)
    {
        var (outcome, changed, detail) = Run(BadInputCorpus.All.Single(c => c.Name == name));

        Assert.True(outcome == Outcome.CleanError, $"{name}: {outcome}: {detail}");
        Assert.False(changed, $"{name}: the database changed");
    }

    [Fact]
    public void Corpus_HasAtLeastEightCasesPerImportKind_NoCrashes_AndNoDatabaseChanges()
    {
        var results = BadInputCorpus.All.Select(c => (Case: c, Result: Run(c))).ToList();
        int cases = results.Count;
        int clean = results.Count(r => r.Result.Outcome == Outcome.CleanError);
        int crashes = results.Count(r => r.Result.Outcome == Outcome.Crash);
        int accepted = results.Count(r => r.Result.Outcome == Outcome.Accepted);
        int changes = results.Count(r => r.Result.Changed);
        output.WriteLine($"bad-input corpus: cases={cases} clean_errors={clean} crashes={crashes} accepted={accepted} database_changes={changes}");
        foreach (var group in results.GroupBy(r => r.Case.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {ImportKinds.CliName(group.Key),-12} {group.Count(),3} cases, {group.Count(r => r.Result.Outcome == Outcome.CleanError),3} clean");
        }

        Assert.All(ImportKinds.All,
            k => Assert.True(results.Count(r => r.Case.Kind == k) >= 8, $"{ImportKinds.CliName(k)} has fewer than 8 cases"));
        Assert.Equal(0, crashes);
        Assert.Equal(0, changes);
        Assert.Equal(cases, clean);
    }

    private (Outcome Outcome, bool Changed, string Detail) Run(BadInputCase c)
    {
        string folder = corpus.Directory.File("case-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, c.FileName);
        File.WriteAllBytes(path, c.Bytes);
        var before = DatabaseHash.PerTable(corpus.Store.Path);
        Outcome outcome;
        string detail;
        try
        {
            DatasetImporter.ImportFile(corpus.Store, c.Kind, path);
            (outcome, detail) = (Outcome.Accepted, "imported without an error");
        }
        catch (BadInputException e)
        {
            bool located = e.Errors.Any(x => x.File == path && x.Line == c.Line && x.FeatureIndex == c.Feature && x.Field == c.Field
                                               && x.Message.Contains(c.Fragment, StringComparison.Ordinal));
            (outcome, detail) = (located ? Outcome.CleanError : Outcome.WrongError, e.Message);
        }
#pragma warning disable CA1031 // a crash of any type is what the corpus counts
        catch (Exception e)
#pragma warning restore CA1031
        {
            (outcome, detail) = (Outcome.Crash, e.ToString());
        }

        bool changed = !DatabaseHash.PerTable(corpus.Store.Path).SequenceEqual(before);
        return (outcome, changed, detail);
    }
}
