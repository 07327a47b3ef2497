namespace Reroute.Runtime.Core;

/// <summary>Walks the incoming filters of one call, then calls the grain.</summary>
internal sealed class IncomingCallContext(IIncomingGrainCallFilter[] filters, Activation activation, GrainRequest request) : IIncomingGrainCallContext
{
    private int _next;
    private Task? _inner;

    public GrainId TargetId => activation.GrainId;

    public GrainMethod Method => request.Method;

    public GrainRequest Request => request;

    public object Grain => activation.GrainInstance!;

    public object? Result => _inner is { IsCompletedSuccessfully: true } inner ? request.GetResult(inner) : null;

    public static Task Run(IIncomingGrainCallFilter[] filters, Activation activation, GrainRequest request)
    {
        var context = new IncomingCallContext(filters, activation, request);
        return request.ResultAfter(context.Invoke(), () => context._inner);
    }

    public Task Invoke()
    {
        if (_next < filters.Length)
        {
            return filters[_next++].Invoke(this);
        }

        _inner = request.Invoke(activation.GrainInstance!);
        return _inner;
    }
}
