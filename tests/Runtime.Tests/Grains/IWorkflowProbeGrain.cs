namespace Reroute.Runtime.Tests.Grains;

/// <summary>A long-running test workflow: books its steps one by one, persisting its progress after each.</summary>
public interface IWorkflowProbeGrain : IGrainWithStringKey
{
    /// <summary>Runs (or resumes) the workflow to the end; returns how many steps are booked.</summary>
    Task<int> Run(int steps);
}
