using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>What generated code tells the runtime about one grain interface.</summary>
/// <param name="InterfaceType">The grain interface.</param>
/// <param name="CreateReference">Builds a proxy.</param>
/// <param name="Methods">The interface's methods with their request types (for messages that cross a process).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record GrainInterfaceDescriptor(
    Type InterfaceType,
    Func<IGrainCallRuntime, GrainId, GrainReference> CreateReference,
    IReadOnlyList<GrainMethodDescriptor> Methods);
