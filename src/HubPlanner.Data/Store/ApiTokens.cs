using System.Security.Cryptography;
using System.Text;

namespace HubPlanner.Data.Store;

/// <summary>
/// API tokens: 32 random bytes shown once (base64url, prefixed <c>hp_</c>); only their SHA-256 is stored, so a
/// copy of the database does not leak usable tokens. Verification compares hashes in constant time against every
/// active token, so the time taken says nothing about how close a guess was.
/// </summary>
public static class ApiTokens
{
    /// <summary>Token names: letters, digits, '.', '_' and '-', 1 to 64 characters.</summary>
    public static bool IsValidName(string name) =>
        name is { Length: >= 1 and <= 64 } && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-');

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>A new random token.</summary>
    internal static string NewToken() =>
        "hp_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
