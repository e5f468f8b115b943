using HubPlanner.Core.Domain;
using HubPlanner.Data.Input;

namespace HubPlanner.Data.Tests.Input;

public class FieldRulesTests
{
    [Theory]
    [InlineData("border_crossing", EntryKind.BorderCrossing)]
    [InlineData("port", EntryKind.Port)]
    public void TryEnum_ReadsSnakeCaseNames(string text, EntryKind expected)
    {
        Assert.True(FieldRules.TryEnum(text, out EntryKind kind));
        Assert.Equal(expected, kind);
        Assert.Equal(text, FieldRules.Snake(kind));
    }

    [Theory]
    [InlineData("1")] // Enum.TryParse would accept a number
    [InlineData("Port")]
    [InlineData("BorderCrossing")]
    [InlineData("")]
    public void TryEnum_RejectsNumbersAndOtherSpellings(string text)
    {
        Assert.False(FieldRules.TryEnum(text, out EntryKind _));
    }

    [Theory]
    [InlineData("49.5", true)]
    [InlineData("-1e3", true)]
    [InlineData("49,5", false)] // decimal comma
    [InlineData("1,000", false)] // thousands separator
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    [InlineData("abc", false)]
    public void TryNumber_AcceptsOnlyFiniteDotDecimalNumbers(string text, bool ok)
    {
        Assert.Equal(ok, FieldRules.TryNumber(text, out _));
    }

    [Theory]
    [InlineData("lviv-rail", true)]
    [InlineData("a1", true)]
    [InlineData("-lead", false)]
    [InlineData("Upper", false)]
    [InlineData("under_score", false)]
    public void IsSlug_FollowsTheFormat(string text, bool ok) => Assert.Equal(ok, FieldRules.IsSlug(text));
}
