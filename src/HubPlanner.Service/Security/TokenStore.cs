using System.Security.Cryptography;
using System.Text;
using Dapper;
using HubPlanner.Service.Storage;
using Microsoft.Data.Sqlite;

namespace HubPlanner.Service.Security;

/// <summary>
/// API tokens. A token is 32 random bytes shown once (base64url, prefixed <c>hp_</c>); only its SHA-256 is
/// stored, so a copy of the database does not leak usable tokens. Verification compares hashes in constant
/// time against every active token, so the time taken says nothing about how close a guess was.
/// </summary>
public sealed class TokenStore(ServiceDatabase database)
{
    /// <summary>Token names: letters, digits, '.', '_' and '-', 1 to 64 characters.</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-');

    /// <summary>Creates a token and returns it (the only time it is ever visible); null if the name is taken.</summary>
    public string? Create(string name, DateTimeOffset now)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"token name '{name}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'", nameof(name));
        }

        var token = "hp_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        try
        {
            database.Write(c => c.Execute(
                "INSERT INTO api_tokens (name, sha256, created_at) VALUES (@name, @hash, @now)",
                new { name, hash = Hash(token), now = ServiceDatabase.Timestamp(now) }));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return null;
        }

        return token;
    }

    /// <summary>Revokes a token by name; false when there is no active token of that name.</summary>
    public bool Revoke(string name, DateTimeOffset now)
    {
        return database.Write(c => c.Execute(
            "UPDATE api_tokens SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL",
            new { name, now = ServiceDatabase.Timestamp(now) })) == 1;
    }

    /// <summary>The name of the active token equal to <paramref name="presented"/>, or null.</summary>
    public string? Verify(string presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 256)
        {
            return null;
        }

        var hash = Convert.FromHexString(Hash(presented));
        using var c = database.Open();
        string? match = null;
        foreach (var (name, stored) in c.Query<(string, string)>("SELECT name, sha256 FROM api_tokens WHERE revoked_at IS NULL"))
        {
            // No early exit: every active token is compared, each in constant time.
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(stored)))
            {
                match = name;
            }
        }

        return match;
    }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
