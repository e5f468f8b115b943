using System.Security.Cryptography;
using Dapper;

namespace HubPlanner.Data.Store;

/// <summary>API tokens on the <c>api_tokens</c> table (<see cref="ITokenStore"/>).</summary>
public sealed partial class PlanningStore
{
    /// <inheritdoc />
    public string? CreateToken(string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ApiTokens.IsValidName(name))
        {
            throw new ArgumentException($"token name '{name}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'", nameof(name));
        }

        var token = ApiTokens.NewToken();
        return _db.Write((c, tx) =>
        {
            // Checked in the writing transaction: two racing creators of one name get one token and one null.
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM api_tokens WHERE name = @name", new { name }, tx) > 0)
            {
                return null;
            }

            c.Execute("INSERT INTO api_tokens (name, sha256, created_at) VALUES (@name, @hash, @now)",
                new { name, hash = ApiTokens.Hash(token), now = FormatTime(now) }, tx);
            return token;
        });
    }

    /// <inheritdoc />
    public bool RevokeToken(string name, DateTimeOffset now) => _db.Write((c, tx) => c.Execute(
        "UPDATE api_tokens SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL",
        new { name, now = FormatTime(now) }, tx) == 1);

    /// <inheritdoc />
    public string? VerifyToken(string presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 256)
        {
            return null;
        }

        var hash = Convert.FromHexString(ApiTokens.Hash(presented));
        var active = _db.Read(c => c.Query<(string Name, string Sha256)>("SELECT name, sha256 FROM api_tokens WHERE revoked_at IS NULL").ToList());
        string? match = null;
        foreach (var (name, stored) in active)
        {
            // No early exit: every active token is compared, each in constant time.
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(stored)))
            {
                match = name;
            }
        }

        return match;
    }
}
