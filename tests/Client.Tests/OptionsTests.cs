namespace Reroute.Client.Tests;

/// <summary>Option validation names the bad option; defaults are the documented ones.</summary>
public sealed class OptionsTests
{
    public static TheoryData<string, Action<RerouteClientOptions>> InvalidOptions => new()
    {
        { nameof(RerouteClientOptions.BaseAddress), o => o.BaseAddress = new Uri("ftp://silo.example/") },
        { nameof(RerouteClientOptions.BaseAddress), o => o.BaseAddress = new Uri("/relative", UriKind.Relative) },
        { nameof(RerouteClientOptions.BearerToken), o => o.BearerToken = null },
        { nameof(RerouteClientOptions.BearerToken), o => o.BearerToken = " " },
        { nameof(RerouteClientOptions.BearerToken), o => o.TokenProvider = _ => ValueTask.FromResult("t") },
        { nameof(RerouteClientOptions.TokenRefreshMargin), o => o.TokenRefreshMargin = TimeSpan.FromSeconds(-1) },
        { nameof(RerouteClientOptions.MaxRetryAttempts), o => o.MaxRetryAttempts = -1 },
        { nameof(RerouteClientOptions.BaseDelay), o => o.BaseDelay = TimeSpan.FromMilliseconds(-1) },
        { nameof(RerouteClientOptions.MaxRetryDelay), o => o.MaxRetryDelay = o.BaseDelay - TimeSpan.FromMilliseconds(1) },
        { nameof(RerouteClientOptions.Timeout), o => o.Timeout = TimeSpan.Zero },
        { nameof(RerouteClientOptions.Timeout), o => o.Timeout = RerouteClientOptions.MaximumTimeout + TimeSpan.FromSeconds(1) },
        { nameof(RerouteClientOptions.ConnectionLifetime), o => o.ConnectionLifetime = TimeSpan.Zero },
        { nameof(RerouteClientOptions.TimeProvider), o => o.TimeProvider = null! },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void An_invalid_option_is_named_in_the_exception(string option, Action<RerouteClientOptions> spoil)
    {
        var options = Valid();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(() => new RerouteClient(options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains($"RerouteClientOptions.{option}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_address_is_required_from_the_options_or_the_http_client()
    {
        var options = Valid();
        options.BaseAddress = null;
        using var bare = new HttpClient();
        using var configured = new HttpClient { BaseAddress = new Uri("https://silo.example/reroute") };

        var error = Assert.Throws<ArgumentException>(() => new RerouteClient(bare, options));
        using var client = new RerouteClient(configured, options);

        Assert.Equal(nameof(RerouteClientOptions.BaseAddress), error.ParamName);
        Assert.Equal(new Uri("https://silo.example/reroute/"), client.BaseAddress);
    }

    [Fact]
    public void The_options_own_base_address_wins_over_the_http_clients()
    {
        using var configured = new HttpClient { BaseAddress = new Uri("https://elsewhere.example/") };

        using var client = new RerouteClient(configured, Valid());

        Assert.Equal(new Uri("https://silo.example/"), client.BaseAddress);
    }

    [Fact]
    public void Defaults_are_three_retries_from_200_ms_and_30_s_attempts_on_the_system_clock()
    {
        var options = new RerouteClientOptions();

        Assert.Equal(3, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    private static RerouteClientOptions Valid() => new() { BaseAddress = new Uri("https://silo.example/"), BearerToken = "token" };
}
