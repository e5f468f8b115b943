namespace HubPlanner.DataPrep;

internal static class DatasetChecker
{
    public static bool Run(string dir, TextWriter log) => throw new NotImplementedException(dir + log);
}
