namespace Reroute.Runtime.Tests.Grains;

public interface ICodecProbeGrain : IGrainWithStringKey
{
    Task<ProbeBooking> Book(ProbeSlot slot, int attempt, CancellationToken cancellationToken);

    Task Cancel(string reason);
}
