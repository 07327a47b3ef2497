namespace Reroute.Runtime.Core;

internal static class GrainRequestExtensions
{
    public static Activation TargetActivation(this GrainRequest request) => (Activation)request.RuntimeState!;
}
