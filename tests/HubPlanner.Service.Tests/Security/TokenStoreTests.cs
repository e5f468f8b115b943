using Dapper;
using HubPlanner.Service.Security;

namespace HubPlanner.Service.Tests.Security;

public sealed class TokenStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();
    private readonly TokenStore _tokens;

    public TokenStoreTests() => _tokens = new TokenStore(_db.Database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Create_StoresOnlyTheSha256OfTheToken()
    {
        var token = _tokens.Create("ci", T0)!;

        using var c = _db.Database.Open();
        var stored = c.QuerySingle<string>("SELECT sha256 FROM api_tokens WHERE name = 'ci'");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored);
        Assert.DoesNotContain(token, c.QuerySingle<string>("SELECT group_concat(name || sha256 || created_at) FROM api_tokens"), StringComparison.Ordinal);
        Assert.StartsWith("hp_", token, StringComparison.Ordinal);
        Assert.Equal(46, token.Length); // "hp_" + 43 base64url characters for 32 bytes
    }

    [Fact]
    public void Verify_AcceptsTheTokenAndRejectsAnyOtherString()
    {
        var token = _tokens.Create("alice", T0)!;
        _tokens.Create("bob", T0);

        Assert.Equal("alice", _tokens.Verify(token));
        Assert.Null(_tokens.Verify(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(_tokens.Verify(""));
    }

    [Fact]
    public void Revoke_MakesTheTokenInvalid_AndTheNameCannotBeTakenAgain()
    {
        var token = _tokens.Create("ci", T0)!;

        Assert.True(_tokens.Revoke("ci", T0));
        Assert.Null(_tokens.Verify(token));
        Assert.False(_tokens.Revoke("ci", T0));
        Assert.Null(_tokens.Create("ci", T0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Create_RejectsAnInvalidName(string name)
    {
        Assert.Throws<ArgumentException>(() => _tokens.Create(name, T0));
    }
}
