using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_request_without_a_token_gets_401_problem_with_a_plain_bearer_challenge()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/me");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task A_tampered_token_gets_401_invalid_token()
    {
        await using var silo = await TestSilo.StartAsync();
        var parts = silo.Token(Roles.Auditor).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains("\"auditor\"", payload, StringComparison.Ordinal);
        var forged = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.Replace("\"auditor\"", "\"admin\"", StringComparison.Ordinal)));

        using var response = await silo.GetAsync("/api/silo", $"{parts[0]}.{forged}.{parts[2]}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains("signature", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var other = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/me", other.Token(Roles.Admin));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_gets_401()
    {
        await using var silo = await TestSilo.StartAsync();
        var issuer = new TokenIssuer(
            silo.App.Services.GetRequiredService<SigningKeyRing>(),
            Microsoft.Extensions.Options.Options.Create(new AuthOptions { Audience = "someone-else" }),
            TimeProvider.System);

        using var response = await silo.GetAsync("/api/me", issuer.Issue("alice", [Roles.Admin]));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("audience", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_another_issuer_gets_401()
    {
        await using var silo = await TestSilo.StartAsync();
        var issuer = new TokenIssuer(
            silo.App.Services.GetRequiredService<SigningKeyRing>(),
            Microsoft.Extensions.Options.Options.Create(new AuthOptions { Issuer = "mallory" }),
            TimeProvider.System);

        using var response = await silo.GetAsync("/api/me", issuer.Issue("alice", [Roles.Admin]));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("issuer", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_expired_token_gets_401_saying_it_expired()
    {
        await using var silo = await TestSilo.StartAsync();
        var aDayAgo = new ManualTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(1));
        var issuer = new TokenIssuer(
            silo.App.Services.GetRequiredService<SigningKeyRing>(),
            silo.App.Services.GetRequiredService<IOptions<AuthOptions>>(),
            aDayAgo);

        using var response = await silo.GetAsync("/api/me", issuer.Issue("alice", [Roles.Admin], lifetime: TimeSpan.FromHours(1)));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_lifetime_is_checked_against_the_silos_TimeProvider()
    {
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        await using var silo = await TestSilo.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var token = silo.Token(Roles.Operator);

        using (var fresh = await silo.GetAsync("/api/me", token))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        clock.Advance(new AuthOptions().TokenLifetime + new AuthOptions().ClockSkew + TimeSpan.FromSeconds(1));
        using var stale = await silo.GetAsync("/api/me", token);
        var problem = await Problem.AssertAsync(stale, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    public async Task A_malformed_token_gets_401_invalid_token(string authorization)
    {
        await using var silo = await TestSilo.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await silo.Client.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Scheduler)]
    [InlineData(Roles.HeadOfDepartment)]
    [InlineData(Roles.EhrIntegration)]
    [InlineData(Roles.MecNode)]
    public async Task A_token_with_the_wrong_role_gets_403_problem(string role)
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/silo", silo.Token(role));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Admin)]
    public async Task A_token_with_the_right_role_gets_the_silo_status(string role)
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/silo", silo.Token(role));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("version").GetString()));
        Assert.Equal(Path.GetFullPath(silo.DataDirectory), body.GetProperty("dataDirectory").GetString());
    }

    [Fact]
    public async Task Uptime_comes_from_the_TimeProvider()
    {
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        await using var silo = await TestSilo.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        clock.Advance(TimeSpan.FromMinutes(90));

        using var response = await silo.GetAsync("/api/silo", silo.Token(Roles.Operator));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(TimeSpan.FromMinutes(90), TimeSpan.Parse(body.GetProperty("uptime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Me_reports_subject_roles_and_tenant()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/me", silo.Token("dr-who", "clinic-9", Roles.Scheduler, Roles.HeadOfDepartment));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("dr-who", body.GetProperty("subject").GetString());
        Assert.Equal("clinic-9", body.GetProperty("tenant").GetString());
        Assert.Equal([Roles.Scheduler, Roles.HeadOfDepartment], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_valid_token_without_a_known_role_gets_403()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/me", silo.Token("bob", null, "guest"));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Policies_admit_the_roles_the_design_names()
    {
        Assert.Equal([Roles.Admin, Roles.Scheduler, Roles.EhrIntegration], Policies.RolesOf[Policies.Scheduling]);
        Assert.Equal([Roles.Admin, Roles.HeadOfDepartment], Policies.RolesOf[Policies.HeadOfDepartment]);
        Assert.Equal([Roles.Admin, Roles.Operator], Policies.RolesOf[Policies.Operations]);
        Assert.Equal([Roles.Admin, Roles.Auditor], Policies.RolesOf[Policies.Audit]);
        Assert.Equal([Roles.Admin, Roles.MecNode, Roles.Operator], Policies.RolesOf[Policies.MecNode]);
        Assert.Equal([Roles.Admin], Policies.RolesOf[Policies.Admin]);
    }
}
