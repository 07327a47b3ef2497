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

/// <summary>How a fake node answers <c>POST /v1/chat/completions</c>.</summary>
public enum ChatBehaviour
{
    Answer,
    ServerError,
    Garbage,
    NoChoice,
    Hang,
}

/// <summary>
/// A local OpenAI-compatible node on 127.0.0.1 (a free port) with scripted behaviour; counts its calls and keeps the
/// last request body. A hanging node waits until the caller gives up or the node is disposed, never on the clock.
/// </summary>
public sealed class FakeChatNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    private FakeChatNode(ChatBehaviour behaviour, string answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async context =>
        {
            Interlocked.Increment(ref _calls);
            LastRequest = JsonDocument.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()).RootElement.Clone();
            switch (behaviour)
            {
                case ChatBehaviour.ServerError:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    break;
                case ChatBehaviour.Garbage:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{ this is not json");
                    break;
                case ChatBehaviour.NoChoice:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""{ "choices": [] }""");
                    break;
                case ChatBehaviour.Hang:
                    try
                    {
                        await _released.Task.WaitAsync(context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The caller gave up, as it should.
                    }

                    break;
                default:
                    await context.Response.WriteAsJsonAsync(new
                    {
                        id = "chatcmpl-1",
                        @object = "chat.completion",
                        choices = new[] { new { index = 0, message = new { role = "assistant", content = answer }, finish_reason = "stop" } },
                        usage = new { prompt_tokens = 12, completion_tokens = 3, total_tokens = 15 },
                    });
                    break;
            }
        });
    }

    public string Address { get; private set; } = "";

    public int Calls => Volatile.Read(ref _calls);

    public JsonElement? LastRequest { get; private set; }

    public static async Task<FakeChatNode> StartAsync(ChatBehaviour behaviour, string answer = "")
    {
        var node = new FakeChatNode(behaviour, answer);
        await node._app.StartAsync();
        node.Address = node._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.DisposeAsync();
    }
}
