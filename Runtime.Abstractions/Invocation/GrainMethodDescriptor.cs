using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>One method of a grain interface: its description, its request type and a factory for an empty request.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record GrainMethodDescriptor(GrainMethod Method, Type RequestType, Type ResultType, Func<GrainRequest> CreateRequest);
