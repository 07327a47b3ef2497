namespace Reroute.Runtime.Core;

/// <summary>A request the runtime makes itself (timer tick, reminder, stream delivery); no generated proxy involved.</summary>
internal abstract class RuntimeRequest(GrainMethod method) : GrainRequest<object?>
{
    public override GrainMethod Method { get; } = method;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
