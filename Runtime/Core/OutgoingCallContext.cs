namespace Reroute.Runtime.Core;

/// <summary>Walks the outgoing filters of one call, then delivers it.</summary>
internal sealed class OutgoingCallContext(IOutgoingGrainCallFilter[] filters, GrainRuntime runtime, GrainReference target, GrainRequest request) : IGrainCallContext
{
    private int _next;
    private Task? _inner;

    public GrainId TargetId => target.GrainId;

    public GrainMethod Method => request.Method;

    public GrainRequest Request => request;

    public object? Result => _inner is { IsCompletedSuccessfully: true } inner ? request.GetResult(inner) : null;

    public static Task Run(IOutgoingGrainCallFilter[] filters, GrainRuntime runtime, GrainReference target, GrainRequest request)
    {
        var context = new OutgoingCallContext(filters, runtime, target, request);
        return request.ResultAfter(context.Invoke(), () => context._inner);
    }

    public Task Invoke()
    {
        if (_next < filters.Length)
        {
            return filters[_next++].Invoke(this);
        }

        _inner = runtime.Deliver(target, request);
        return _inner;
    }
}
