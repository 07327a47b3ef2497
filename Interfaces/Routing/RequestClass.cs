using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>The routing class a classifier gives a request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestClass>))]
public enum RequestClass
{
    /// <summary>Small and cheap; any approved tier will do, the cheapest first.</summary>
    Simple,

    /// <summary>Large input, output or model; needs capacity and a GPU-class node.</summary>
    Complex,

    /// <summary>Tight SLA for its size: little slack, so the fastest tier and a backup in another tier.</summary>
    Critical,
}
