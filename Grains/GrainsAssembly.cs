using System.Reflection;

namespace Reroute.Grains;

/// <summary>Points a silo at this assembly's grain classes.</summary>
public static class GrainsAssembly
{
    /// <summary>The assembly holding Reroute's grain implementations.</summary>
    public static Assembly Assembly => typeof(GrainsAssembly).Assembly;
}
