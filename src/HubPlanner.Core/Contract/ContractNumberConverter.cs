using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubPlanner.Core.Contract;

/// <summary>A number of the contract: rounded to <see cref="Decimals"/> when written (null: as computed); a
/// non-finite value (no bound, no nearest hub) is written as null and read back as NaN.</summary>
public interface IContractNumberConverter
{
    /// <summary>Decimals kept, or null for none dropped.</summary>
    int? Decimals { get; }
}

internal static class ContractNumber
{
    public static void Write(Utf8JsonWriter writer, double value, int? decimals)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
            return;
        }

        double v = decimals is { } d ? Math.Round(value, d, MidpointRounding.AwayFromZero) : value;
        writer.WriteNumberValue(v == 0 ? 0 : v); // no "-0"
    }

    public static double Read(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => double.NaN,
        JsonTokenType.Number => reader.GetDouble(),
        _ => throw new JsonException($"expected a number, not {reader.TokenType.ToString().ToLowerInvariant()}"),
    };
}

internal sealed class ContractNumberConverter(int? decimals) : JsonConverter<double>, IContractNumberConverter
{
    public int? Decimals => decimals;

    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ContractNumber.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => ContractNumber.Write(writer, value, decimals);
}

internal sealed class ContractNullableNumberConverter(int? decimals) : JsonConverter<double?>, IContractNumberConverter
{
    public int? Decimals => decimals;

    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : ContractNumber.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            ContractNumber.Write(writer, v, decimals);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal sealed class ContractNumberListConverter(int? decimals) : JsonConverter<IReadOnlyList<double>>, IContractNumberConverter
{
    public int? Decimals => decimals;

    public override IReadOnlyList<double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array of numbers, not {reader.TokenType.ToString().ToLowerInvariant()}");
        }

        var list = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(ContractNumber.Read(ref reader));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<double> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var v in value)
        {
            ContractNumber.Write(writer, v, decimals);
        }

        writer.WriteEndArray();
    }
}
