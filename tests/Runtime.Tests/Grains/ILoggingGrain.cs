namespace Reroute.Runtime.Tests.Grains;

public interface ILoggingGrain : IGrainWithStringKey
{
    Task Log(string message);
}
