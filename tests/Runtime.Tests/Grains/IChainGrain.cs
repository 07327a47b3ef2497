namespace Reroute.Runtime.Tests.Grains;

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="next"/>, which calls back <paramref name="back"/>.Leaf().</summary>
    Task<string> Start(string next, string back);

    Task<string> Middle(string back);

    Task<string> Leaf();

    Task<string> MiddleToStrict(string back);

    /// <summary>Does not return until the test sets <paramref name="gate"/>.</summary>
    Task<string> Hang(string gate);
}
