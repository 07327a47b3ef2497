namespace Reroute.Silo.Security;

/// <summary>The roles a token can carry in its <c>role</c> claim.</summary>
public static class Roles
{
    /// <summary>Everything, including configuration and other tenants' operations.</summary>
    public const string Admin = "admin";

    /// <summary>Front-desk and scheduling staff: triggers and reviews rescheduling.</summary>
    public const string Scheduler = "scheduler";

    /// <summary>Head of department: reviews escalated proposals.</summary>
    public const string HeadOfDepartment = "hod";

    /// <summary>Runs the platform: silo status, MEC nodes, breakers.</summary>
    public const string Operator = "operator";

    /// <summary>Reads the audit log and compliance reports.</summary>
    public const string Auditor = "auditor";

    /// <summary>An EHR system calling the API on behalf of a clinic.</summary>
    public const string EhrIntegration = "ehr-integration";

    /// <summary>The agent on a MEC node: heartbeats and capacity reports.</summary>
    public const string MecNode = "mec-node";

    /// <summary>Every role, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Scheduler, HeadOfDepartment, Operator, Auditor, EhrIntegration, MecNode];
}
