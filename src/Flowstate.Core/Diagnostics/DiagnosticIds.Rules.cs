namespace Flowstate.Core.Diagnostics;

// Ids of the rules over the model (Validation/*). Docs: docs/diagnostics/FLOWnnnn.md.
public static partial class DiagnosticIds
{
    // FLOW1xxx graph and transitions
    public const string MissingStartAt = "FLOW1001";
    public const string TransitionTargetNotFound = "FLOW1002";
    public const string TransitionOutOfScope = "FLOW1003";
    public const string DuplicateStateName = "FLOW1004";
    public const string UnreachableState = "FLOW1005";
    public const string UnreachableCycle = "FLOW1006";
    public const string NoTerminalState = "FLOW1007";
    public const string NoPathToEnd = "FLOW1008";
    public const string LoopWithoutWait = "FLOW1009";
    public const string MissingNextOrEnd = "FLOW1010";
    public const string NextAndEnd = "FLOW1011";
    public const string ChoiceWithNextOrEnd = "FLOW1012";
    public const string ChoiceWithoutChoices = "FLOW1013";
    public const string TerminalStateWithTransition = "FLOW1014";
    public const string EmptyStates = "FLOW1015";

    // FLOW2xxx Retry and Catch
    public const string StatesAllNotAlone = "FLOW2001";
    public const string StatesAllNotLast = "FLOW2002";
    public const string ErrorEqualsEmpty = "FLOW2003";
    public const string UnknownStatesError = "FLOW2004";
    public const string RetryIntervalSecondsOutOfRange = "FLOW2005";
    public const string RetryMaxAttemptsOutOfRange = "FLOW2006";
    public const string RetryBackoffRateOutOfRange = "FLOW2007";
    public const string RetryMaxDelaySecondsOutOfRange = "FLOW2008";
    public const string RetryJitterStrategyInvalid = "FLOW2009";
    public const string CatchWithoutNext = "FLOW2010";
    public const string ErrorAlreadyHandled = "FLOW2011";
    public const string RetryOutlastsTimeout = "FLOW2012";

    // FLOW3xxx paths, payload templates, intrinsic functions, JSONata, variables
    public const string InvalidPath = "FLOW3001";
    public const string NotAReferencePath = "FLOW3002";
    public const string DollarKeyNotString = "FLOW3003";
    public const string DollarKeyNotPath = "FLOW3004";
    public const string UnknownIntrinsic = "FLOW3005";
    public const string IntrinsicArity = "FLOW3006";
    public const string IntrinsicSyntax = "FLOW3007";
    public const string IntrinsicArgument = "FLOW3008";
    public const string PathWithoutDollarKey = "FLOW3009";
    public const string TemplateKeyCollision = "FLOW3010";
    public const string InvalidJsonata = "FLOW3011";
    public const string JsonPathFieldInJsonataState = "FLOW3012";
    public const string JsonataFieldInJsonPathState = "FLOW3013";
    public const string JsonataInJsonPathState = "FLOW3014";
    public const string UnknownContextField = "FLOW3015";
    public const string UnassignedVariable = "FLOW3016";
    public const string InvalidVariableName = "FLOW3017";

    // FLOW4xxx state fields
    public const string InvalidStateType = "FLOW4001";
    public const string StateNotAnObject = "FLOW4002";
    public const string FieldNotAllowed = "FLOW4003";
    public const string UnknownField = "FLOW4004";
    public const string FieldWrongType = "FLOW4005";
    public const string InvalidTimeout = "FLOW4006";
    public const string HeartbeatNotBelowTimeout = "FLOW4007";
    public const string StaticAndPathTogether = "FLOW4008";
    public const string WaitDuration = "FLOW4009";
    public const string WaitSecondsInvalid = "FLOW4010";
    public const string InvalidTimestamp = "FLOW4011";
    public const string ChoiceRuleOperator = "FLOW4012";
    public const string ChoiceOperandType = "FLOW4013";
    public const string NestedRuleWithNext = "FLOW4014";
    public const string RuleWithoutNext = "FLOW4015";
    public const string EmptyAndOr = "FLOW4016";
    public const string MapProcessor = "FLOW4017";
    public const string MapSelectorConflict = "FLOW4018";
    public const string MapItemSourceConflict = "FLOW4019";
    public const string MapNumberOutOfRange = "FLOW4020";
    public const string MapLabelInvalid = "FLOW4021";
    public const string DistributedOnlyField = "FLOW4022";
    public const string ProcessorConfigInvalid = "FLOW4023";
    public const string ParallelWithoutBranches = "FLOW4024";
    public const string MachineTimeoutInvalid = "FLOW4025";
    public const string VersionInvalid = "FLOW4026";
    public const string QueryLanguageInvalid = "FLOW4027";
    public const string TaskWithoutResource = "FLOW4028";
    public const string DuplicateField = "FLOW4029";

    // FLOW5xxx names, limits, integrations, workflow type
    public const string StateNameTooLong = "FLOW5001";
    public const string StateNameInvalid = "FLOW5002";
    public const string MachineNameInvalid = "FLOW5003";
    public const string IntegrationPatternNotSupported = "FLOW5004";
    public const string UnknownServiceIntegration = "FLOW5005";
    public const string TaskTokenNotPassed = "FLOW5006";
    public const string ExpressUnsupported = "FLOW5007";
    public const string DefinitionTooLarge = "FLOW5008";
    public const string NestingTooDeep = "FLOW5009";
    public const string ExpressDurationExceeded = "FLOW5010";
    public const string WorkflowTypeInvalid = "FLOW5011";
    public const string ResourceNotAnArn = "FLOW5012";

    // FLOW6xxx best practices (suggestions)
    public const string LambdaWithoutTransientRetry = "FLOW6001";
    public const string TaskWithoutTimeout = "FLOW6002";
    public const string ChoiceWithoutDefault = "FLOW6003";
    public const string LegacyMapField = "FLOW6004";
    public const string PlaceholderNotDeclared = "FLOW6005";
    public const string PlaceholderUnused = "FLOW6006";
}
