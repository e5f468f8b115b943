namespace HubPlanner.DataPrep;

internal static class RoadBuilder
{
    public static void Build(string spec, string outDir, TextWriter log) => throw new NotImplementedException(spec + outDir + log);
}
