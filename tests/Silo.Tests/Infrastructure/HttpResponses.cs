using System.Text.Json;

namespace Reroute.Silo.Tests.Infrastructure;

internal static class HttpResponses
{
    /// <summary>The response body as JSON, detached from its document.</summary>
    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Fails the test with the status and body unless the request succeeded.</summary>
    public static async Task ExpectSuccessAsync(this Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
