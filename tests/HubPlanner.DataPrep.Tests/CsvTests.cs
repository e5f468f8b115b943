namespace HubPlanner.DataPrep.Tests;

public class CsvTests
{
    [Fact]
    public void Parse_HandlesQuotedCommasDoubledQuotesAndCrlf()
    {
        // Two records; the second name holds a comma and a doubled quote inside quotes.
        var rows = CsvTable.Parse("id,name\r\na,\"Samar, \"\"Novomoskovsk\"\"\"\r\n", "t.csv");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["id", "name"], rows[0]);
        Assert.Equal(["a", "Samar, \"Novomoskovsk\""], rows[1]);
    }

    [Fact]
    public void Parse_KeepsEmptyCellsAndAcceptsAMissingFinalNewline()
    {
        var rows = CsvTable.Parse("a,b,c\n1,,3", "t.csv");

        Assert.Equal(["1", "", "3"], rows[1]);
    }

    [Fact]
    public void Parse_RejectsAnUnterminatedQuote()
        => Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a\n\"open", "t.csv"));

    [Fact]
    public void Num_RoundsToSixDecimalsWithAPointAndNoTrailingZeros()
    {
        Assert.Equal("30.523401", Csv.Num(30.5234012));
        Assert.Equal("46.5", Csv.Num(46.5000));
        Assert.Equal("-0.000001", Csv.Num(-0.0000005));
    }
}
