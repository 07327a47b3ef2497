using System.ComponentModel;

namespace Reroute.Runtime;

/// <summary>
/// Hands the activating context to a grain's base constructor, so grain classes keep Orleans' parameterless
/// <see cref="Grain"/> base and take only their own dependencies through the primary constructor.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainContextScope
{
    [ThreadStatic]
    private static IGrainContext? t_constructing;

    /// <summary>The context of the grain being constructed on this thread, if any.</summary>
    public static IGrainContext? Constructing => t_constructing;

    /// <summary>Runs <paramref name="create"/> with <paramref name="context"/> visible to the grain's constructor.</summary>
    public static T Construct<T>(IGrainContext context, Func<T> create)
    {
        var previous = t_constructing;
        t_constructing = context;
        try
        {
            return create();
        }
        finally
        {
            t_constructing = previous;
        }
    }
}
