using HubPlanner.Core.Domain;
using HubPlanner.Data.Import;
using HubPlanner.Data.Input;
using HubPlanner.Data.Tests.Support;

namespace HubPlanner.Data.Tests.Import;

public class TheatreImportTests
{
    [Fact]
    public void ImportControl_StoresTheDatedAreas_AndTheProblemCarriesThem()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        string path = dir.Write("control.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"east","name":"East","status":"occupied","as_of":"2025-11-15","source":"test map"},
              "geometry":{"type":"Polygon","coordinates":[[[26,50],[27,50],[27,51],[26,51],[26,50]]]}},
             {"type":"Feature","properties":{"id":"north","name":"North","status":"hostile_state","as_of":"2025-11-15","source":"test map","active":false},
              "geometry":{"type":"Polygon","coordinates":[[[24,51],[25,51],[25,52],[24,52],[24,51]]]}}]}
            """);

        var outcome = DatasetImporter.ImportFile(store, ImportKind.Control, path);

        Assert.Equal(2, outcome.Records);
        var control = store.LoadProblem("base").Data.Control;
        Assert.Equal(["east", "north"], control.Select(c => c.Id));
        Assert.Equal((ControlStatus.Occupied, "2025-11-15", true), (control[0].Status, control[0].AsOf, control[0].Active));
        Assert.False(control[1].IsHostile);
    }

    [Fact]
    public void ImportControl_RejectsAnUnknownStatusAndAnUndatedArea_NamingFeatureAndField()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        string path = dir.Write("control.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"id":"east","name":"East","status":"enemy","as_of":"15/11/2025","source":"x"},
              "geometry":{"type":"Polygon","coordinates":[[[26,50],[27,50],[27,51],[26,51],[26,50]]]}}]}
            """);

        var ex = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(store, ImportKind.Control, path));

        Assert.Contains(ex.Errors, e => e.Field == "status");
        Assert.Contains(ex.Errors, e => e.Field == "as_of" && e.Message.Contains("YYYY-MM-DD", StringComparison.Ordinal));
        Assert.Empty(store.LoadBase().Control);
    }

    [Fact]
    public void ImportThreats_ReadsKindsAndEffect_AndRejectsAnUnknownSiteKind()
    {
        using var dir = new TempDir();
        var store = Fixtures.LoadedStore(dir);
        string good = dir.Write("threats.csv", """
            id,name,range_km,effect,applies_to,source
            glide,glide bombs,80,eligibility,airfield;depot,test
            srbm,missiles,500,exposure,all,test
            """);
        DatasetImporter.ImportFile(store, ImportKind.Threats, good);
        var threats = store.LoadBase().Threats;
        Assert.Equal([SiteKind.Airfield, SiteKind.Depot], threats.Single(t => t.Id == "glide").AppliesTo);
        Assert.Empty(threats.Single(t => t.Id == "srbm").AppliesTo);

        string bad = dir.Write("bad.csv", """
            id,name,range_km,effect,applies_to,source
            glide,glide bombs,80,eligibility,airfield;bunker,test
            """);
        var ex = Assert.Throws<BadInputException>(() => DatasetImporter.ImportFile(store, ImportKind.Threats, bad));
        Assert.Contains(ex.Errors, e => e.Field == "applies_to" && e.Message.Contains("\"bunker\"", StringComparison.Ordinal));
    }
}
