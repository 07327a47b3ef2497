using Microsoft.Extensions.DependencyInjection;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class DevelopmentKeyTests
{
    [Fact]
    public async Task The_development_key_is_created_once_and_reused_by_the_next_host()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, SigningKeyRing.DevelopmentKeyFileName);
        Assert.False(File.Exists(path));

        string token;
        byte[] firstKey;
        await using (var first = TestSilo.Build(data.Path))
        {
            var ring = first.Services.GetRequiredService<SigningKeyRing>();
            Assert.Equal(path, ring.DevelopmentKeyPath);
            firstKey = ring.SigningKey.Key;
            token = first.Services.GetRequiredService<TokenIssuer>().Issue("alice", [Roles.Admin]);
        }

        var content = await File.ReadAllTextAsync(path);
        Assert.Equal(firstKey, Convert.FromBase64String(content));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        await using var second = TestSilo.Build(data.Path);
        Assert.Equal(firstKey, second.Services.GetRequiredService<SigningKeyRing>().SigningKey.Key);
        Assert.Equal(content, await File.ReadAllTextAsync(path));
        var result = await second.Services.GetRequiredService<BearerTokenValidator>().ValidateAsync(token);
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task Configured_signing_keys_are_used_and_no_development_key_is_written()
    {
        using var data = new TempDirectory();
        var key = Convert.ToBase64String(new byte[AuthOptions.MinimumSigningKeyBytes].Select((_, i) => (byte)(i * 7)).ToArray());

        await using var app = TestSilo.Build(data.Path, args: [$"--Reroute:Auth:SigningKeys:0={key}", "--Reroute:Auth:DevelopmentKey=false"]);

        var ring = app.Services.GetRequiredService<SigningKeyRing>();
        Assert.Null(ring.DevelopmentKeyPath);
        Assert.Equal(Convert.FromBase64String(key), ring.SigningKey.Key);
        Assert.False(File.Exists(Path.Combine(data.Path, SigningKeyRing.DevelopmentKeyFileName)));
    }

    [Fact]
    public async Task Tokens_signed_with_an_older_key_still_validate_while_it_is_listed()
    {
        using var data = new TempDirectory();
        var oldKey = Convert.ToBase64String(Enumerable.Repeat((byte)1, AuthOptions.MinimumSigningKeyBytes).ToArray());
        var newKey = Convert.ToBase64String(Enumerable.Repeat((byte)2, AuthOptions.MinimumSigningKeyBytes).ToArray());
        string oldToken;
        await using (var before = TestSilo.Build(data.Path, args: $"--Reroute:Auth:SigningKeys:0={oldKey}"))
        {
            oldToken = before.Services.GetRequiredService<TokenIssuer>().Issue("alice", [Roles.Admin]);
        }

        await using var rotating = TestSilo.Build(data.Path, args: [$"--Reroute:Auth:SigningKeys:0={newKey}", $"--Reroute:Auth:SigningKeys:1={oldKey}"]);
        await using var rotated = TestSilo.Build(data.Path, args: $"--Reroute:Auth:SigningKeys:0={newKey}");

        Assert.True((await rotating.Services.GetRequiredService<BearerTokenValidator>().ValidateAsync(oldToken)).IsValid);
        Assert.False((await rotated.Services.GetRequiredService<BearerTokenValidator>().ValidateAsync(oldToken)).IsValid);
    }

    [Fact]
    public void A_corrupt_development_key_stops_the_host_naming_the_file()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, SigningKeyRing.DevelopmentKeyFileName);
        File.WriteAllText(path, "not a key");

        var error = Assert.Throws<ConfigurationValidationException>(() => TestSilo.Build(data.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
