namespace Reroute.Runtime.Tests;

/// <summary>A grain call's request object built by hand, as a message from outside the runtime carries it.</summary>
internal static class GrainRequests
{
    /// <summary>The generated request of <typeparamref name="TGrain"/>'s <paramref name="method"/>, its arguments set in order.</summary>
    public static GrainRequest For<TGrain>(string method, params object[] arguments)
    {
        var descriptor = GrainInterfaceRegistry.Get(typeof(TGrain)).Methods.Single(m => m.Method.Name == method);
        var request = (GrainRequest)Activator.CreateInstance(descriptor.RequestType)!;
        for (var i = 0; i < arguments.Length; i++)
        {
            descriptor.RequestType.GetProperty($"Arg{i}")!.SetValue(request, arguments[i]);
        }

        return request;
    }
}
