using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reroute.Silo.Api;

/// <summary>A JSON response already serialized, so that the very same bytes can be stored for an idempotent replay.</summary>
internal sealed class JsonPayloadResult(int statusCode, string json) : IResult
{
    public int StatusCode { get; } = statusCode;

    public string Json { get; } = json;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(Json, Encoding.UTF8);
    }
}
