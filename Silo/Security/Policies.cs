using Microsoft.AspNetCore.Authorization;

namespace Reroute.Silo.Security;

/// <summary>Authorization policies, one per endpoint group; each admits the roles listed in <see cref="RolesOf"/>.</summary>
public static class Policies
{
    /// <summary>Any authenticated caller holding at least one known role.</summary>
    public const string AnyRole = nameof(AnyRole);

    /// <summary>Rescheduling workflows: admin, scheduler, ehr-integration.</summary>
    public const string Scheduling = nameof(Scheduling);

    /// <summary>Reading scheduling records (providers, patients, appointments, waitlists, knowledge): the Scheduling roles and auditor.</summary>
    public const string SchedulingRead = nameof(SchedulingRead);

    /// <summary>Escalation review: admin, hod.</summary>
    public const string HeadOfDepartment = nameof(HeadOfDepartment);

    /// <summary>Silo and cluster operations: admin, operator.</summary>
    public const string Operations = nameof(Operations);

    /// <summary>Audit log and compliance reports: admin, auditor.</summary>
    public const string Audit = nameof(Audit);

    /// <summary>MEC node agents and their operators: admin, mec-node, operator.</summary>
    public const string MecNode = nameof(MecNode);

    /// <summary>Administration only.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [AnyRole] = Roles.All,
        [Scheduling] = [Roles.Admin, Roles.Scheduler, Roles.EhrIntegration],
        [SchedulingRead] = [Roles.Admin, Roles.Scheduler, Roles.EhrIntegration, Roles.Auditor],
        [HeadOfDepartment] = [Roles.Admin, Roles.HeadOfDepartment],
        [Operations] = [Roles.Admin, Roles.Operator],
        [Audit] = [Roles.Admin, Roles.Auditor],
        [MecNode] = [Roles.Admin, Roles.MecNode, Roles.Operator],
        [Admin] = [Roles.Admin],
    };

    /// <summary>Adds every policy above, and makes authentication the default for endpoints that name none.</summary>
    public static AuthorizationBuilder AddReroutePolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (policy, roles) in RolesOf)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        // Secure by default: an endpoint someone forgets to annotate still needs a token.
        return builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
