using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reroute.Grains.Tests.Scheduling.Notifications;

/// <summary>A real HTTP server (Kestrel on a free 127.0.0.1 port) that records every posted body and answers one status.</summary>
internal sealed class WebhookTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _bodies = new();

    private WebhookTestServer(WebApplication app, int status)
    {
        _app = app;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            context.Response.StatusCode = status;
        });
    }

    public string Url => _app.Urls.Single() + "/hook";

    public IReadOnlyList<string> Bodies => [.. _bodies];

    public static async Task<WebhookTestServer> StartAsync(int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new WebhookTestServer(builder.Build(), status);
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
