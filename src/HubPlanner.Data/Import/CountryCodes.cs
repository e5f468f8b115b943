namespace HubPlanner.Data.Import;

/// <summary>
/// The ISO 3166-1 alpha-2 codes that name a country, shipped as data (<c>iso3166-1-alpha2.txt</c>, with its
/// source in its header) so that a typo such as <c>XX</c> or <c>UK</c> is refused rather than stored.
/// </summary>
public static class CountryCodes
{
    private static readonly Lazy<HashSet<string>> Codes = new(Load);

    /// <summary>All officially assigned codes.</summary>
    public static IReadOnlySet<string> All => Codes.Value;

    /// <summary>True if <paramref name="code"/> is an officially assigned ISO 3166-1 alpha-2 code (upper case).</summary>
    public static bool IsAssigned(string code) => Codes.Value.Contains(code);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CountryCodes).Assembly.GetManifestResourceStream("HubPlanner.Data.Import.iso3166-1-alpha2.txt")
            ?? throw new InvalidOperationException("The ISO 3166-1 code list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                codes.Add(line);
            }
        }

        return codes;
    }
}
