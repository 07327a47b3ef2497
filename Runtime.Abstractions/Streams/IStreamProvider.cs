namespace Reroute.Runtime;

/// <summary>Named pub/sub streams.</summary>
public interface IStreamProvider
{
    /// <summary>The provider's name.</summary>
    string Name { get; }

    /// <summary>Gets the stream with <paramref name="id"/>, carrying items of <typeparamref name="T"/>.</summary>
    IAsyncStream<T> GetStream<T>(StreamId id);
}
