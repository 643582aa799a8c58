namespace Flowstate.Core.Diagnostics;

/// <summary>
/// Every diagnostic id, shared with the code fixes. Ranges by area; an id is never reused once shipped.
///   FLOW0xxx  declaring a state machine in C# (attributes, JSON text, conditions, typeof targets)
///   FLOW1xxx  graph and transitions
///   FLOW2xxx  Retry and Catch
///   FLOW3xxx  paths, payload templates, intrinsic functions, JSONata
///   FLOW4xxx  state fields (Wait, Fail, Map, Parallel, timeouts)
///   FLOW5xxx  names, limits, integrations, workflow type
///   FLOW6xxx  best practices (suggestions)
/// </summary>
public static partial class DiagnosticIds
{
    public const string InternalError = "FLOW0001";
    public const string MachineNotPartial = "FLOW0002";
    public const string InvalidJson = "FLOW0003";
    public const string TargetNotAState = "FLOW0004";
    public const string InvalidCondition = "FLOW0005";
    public const string ConflictingProperties = "FLOW0006";
    public const string MultipleStateAttributes = "FLOW0007";
    public const string MisplacedDeclaration = "FLOW0008";
    public const string UnsupportedIntegrationPattern = "FLOW0009";
}
