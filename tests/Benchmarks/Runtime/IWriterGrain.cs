namespace Reroute.Benchmarks.Runtime;

public interface IWriterGrain : IGrainWithStringKey
{
    Task Write(int value);
}
