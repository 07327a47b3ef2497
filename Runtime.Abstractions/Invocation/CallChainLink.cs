namespace Reroute.Runtime;

/// <summary>
/// One waiting request on a call chain, newest first. Carried by every call so the runtime can allow call-chain
/// reentrancy (A → B → A) and name a cycle when a grain forbids it.
/// </summary>
/// <param name="Grain">The grain that is waiting.</param>
/// <param name="Method">The method it is waiting in.</param>
/// <param name="ActivationToken">Identifies the activation (and, for stateless workers, which one), so a chain matches only it.</param>
/// <param name="Next">The link before this one, or null.</param>
public sealed record CallChainLink(GrainId Grain, string Method, long ActivationToken, CallChainLink? Next)
{
    /// <summary>Whether the chain passes through the activation with <paramref name="activationToken"/>.</summary>
    public bool Contains(long activationToken)
    {
        for (var link = this; link is not null; link = link.Next)
        {
            if (link.ActivationToken == activationToken)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chain from the first caller to the newest link: <c>IA/a.M → IB/b.N</c>.</summary>
    public string Describe()
    {
        var links = new List<string>();
        for (var link = this; link is not null; link = link.Next)
        {
            links.Add($"{link.Grain}.{link.Method}");
        }

        links.Reverse();
        return string.Join(" → ", links);
    }
}
