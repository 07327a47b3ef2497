namespace Reroute.Client;

/// <summary>One chat message: a role (system, user, assistant) and its text.</summary>
public sealed record ChatTurn(string Role, string Content);
