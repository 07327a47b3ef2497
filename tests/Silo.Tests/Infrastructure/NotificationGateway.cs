using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reroute.Silo.Tests.Infrastructure;

/// <summary>
/// A local SMS/IVR gateway on 127.0.0.1 (a free port): takes the silo's outbound webhook posts on <c>/sms</c> and
/// <c>/ivr</c> with 202, as a provider's API does, and keeps every body it was given.
/// </summary>
public sealed class NotificationGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Channel, JsonElement Body)> _received = new();

    private NotificationGateway()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{channel}", async (string channel, HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            _received.Enqueue((channel, document.RootElement.Clone()));
            return Results.Accepted();
        });
    }

    public string Address { get; private set; } = "";

    /// <summary>Every post so far, oldest first: the path's channel and the JSON body.</summary>
    public IReadOnlyList<(string Channel, JsonElement Body)> Received => [.. _received];

    public static async Task<NotificationGateway> StartAsync()
    {
        var gateway = new NotificationGateway();
        await gateway._app.StartAsync();
        gateway.Address = gateway._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return gateway;
    }

    /// <summary>The silo's configuration pointing SMS and IVR at this gateway.</summary>
    public string[] SiloArgs() =>
        [$"--Reroute:Notifications:SmsWebhookUrl={Address}/sms", $"--Reroute:Notifications:IvrWebhookUrl={Address}/ivr"];

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
