using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>Generated per assembly: registers the assembly's grain interfaces.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainProxyModule
{
    /// <summary>Registers every grain interface of the assembly with <see cref="GrainInterfaceRegistry"/>.</summary>
    void Register();
}
