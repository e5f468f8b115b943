using System.Buffers;
using System.Globalization;
using System.Text;

namespace HubPlanner.Data.Input;

/// <summary>
/// Input files are UTF-8 (data/FORMAT.md). Invalid bytes are refused with their place rather than silently
/// replaced by U+FFFD, which would store names the user never wrote.
/// </summary>
internal static class Utf8Input
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Finds the first byte that is not valid UTF-8. Returns false and describes its place ("line 3, byte 17
    /// of the line (offset 112 in the file)") when there is one.
    /// </summary>
    public static bool TryFindInvalid(ReadOnlySpan<byte> bytes, out string where)
    {
        int offset = 0;
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out _, out int consumed);
            if (status != OperationStatus.Done)
            {
                // NeedMoreData at the very end is a sequence cut off by the end of the file: invalid as well.
                int line = bytes[..offset].Count((byte)'\n') + 1;
                int lineStart = bytes[..offset].LastIndexOf((byte)'\n') + 1;
                where = string.Create(CultureInfo.InvariantCulture,
                    $"line {line}, byte {offset - lineStart + 1} of the line (offset {offset} in the file), value 0x{bytes[offset]:X2}");
                return true;
            }

            offset += consumed;
            rest = rest[consumed..];
        }

        where = "";
        return false;
    }

    /// <summary>True if the bytes (after an optional byte order mark) are valid UTF-8; else records where they are not.</summary>
    public static bool Check(ReadOnlySpan<byte> bytes, ErrorCollector errors)
    {
        if (bytes.StartsWith(Bom))
        {
            bytes = bytes[Bom.Length..];
        }

        if (TryFindInvalid(bytes, out string where))
        {
            errors.AtFile($"is not valid UTF-8 at {where}; save the file as UTF-8");
            return false;
        }

        return true;
    }

    /// <summary>Decodes strict UTF-8 (a leading byte order mark is skipped), or records the first invalid byte and returns null.</summary>
    public static string? Decode(byte[] bytes, ErrorCollector errors)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith(Bom))
        {
            span = span[Bom.Length..];
        }

        return Check(span, errors) ? Encoding.UTF8.GetString(span) : null;
    }
}
