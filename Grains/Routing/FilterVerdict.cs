namespace Reroute.Grains.Routing;

/// <summary>Why a node (or the device) may or may not serve a request; the first failing hard filter wins.</summary>
public enum FilterVerdict
{
    /// <summary>Every hard filter passed.</summary>
    Eligible,

    /// <summary>The node is not certified for the request's privacy level.</summary>
    PrivacyNotCertified,

    /// <summary>The request carries PHI and its tenant has not approved this tier or node.</summary>
    PhiNotApproved,

    /// <summary>The node is dedicated to other tenants.</summary>
    TenantNotServed,

    /// <summary>The node lacks a compliance regime the request or its tenant requires.</summary>
    ComplianceMissing,

    /// <summary>The node is in a region the request may not leave for.</summary>
    OutsideGeography,

    /// <summary>The node (or device) does not have the required model.</summary>
    ModelUnavailable,

    /// <summary>The request needs a GPU the node (or device) lacks.</summary>
    NoGpu,

    /// <summary>The model and context do not fit the node's memory.</summary>
    InsufficientMemory,

    /// <summary>The node reports no capacity.</summary>
    NoCapacity,

    /// <summary>The node is unhealthy.</summary>
    Unhealthy,

    /// <summary>The node's breaker is open.</summary>
    BreakerOpen,

    /// <summary>The device's battery is too low.</summary>
    LowBattery,

    /// <summary>The estimated cost exceeds the request's budget.</summary>
    OverBudget,
}
