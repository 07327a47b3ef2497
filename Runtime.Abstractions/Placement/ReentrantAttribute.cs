namespace Reroute.Runtime;

/// <summary>The grain's requests may interleave at await points; they still never run in parallel.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
