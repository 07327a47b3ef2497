using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>Points the runtime at an assembly's generated <see cref="IGrainProxyModule"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GeneratedGrainProxiesAttribute(Type moduleType) : Attribute
{
    /// <summary>The generated module.</summary>
    public Type ModuleType { get; } = moduleType;
}
