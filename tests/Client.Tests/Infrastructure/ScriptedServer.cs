using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reroute.Client.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel on a free 127.0.0.1 port) that answers with a script and records every request, so
/// retries are seen as the wire sees them. The last scripted response repeats once the script runs out.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Lock _gate = new();
    private readonly Queue<ScriptedResponse> _script = new();
    private ScriptedResponse _last = ScriptedResponse.Json(200, new { status = "healthy" });
    private TaskCompletionSource _hanging = NewSignal();

    private ScriptedServer(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public Uri Address => new(_app.Urls.Single());

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Completes when a <see cref="ScriptedResponse.Hanging"/> response has started holding a request.</summary>
    public Task Hanging
    {
        get
        {
            lock (_gate)
            {
                return _hanging.Task;
            }
        }
    }

    public static async Task<ScriptedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedServer(builder.Build());
        await server._app.StartAsync();
        return server;
    }

    public void Script(params ScriptedResponse[] responses)
    {
        lock (_gate)
        {
            _script.Clear();
            foreach (var response in responses)
            {
                _script.Enqueue(response);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path + request.QueryString,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

        ScriptedResponse response;
        TaskCompletionSource hanging;
        lock (_gate)
        {
            response = _script.TryDequeue(out var next) ? _last = next : _last;
            hanging = _hanging;
        }

        if (response.Hang)
        {
            var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (context.RequestAborted.Register(() => aborted.TrySetResult()))
            {
                hanging.TrySetResult();
                await aborted.Task;
            }

            lock (_gate)
            {
                _hanging = NewSignal();
            }

            return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
