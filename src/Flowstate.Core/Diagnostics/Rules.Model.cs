using System;
using System.Collections.Generic;

namespace Flowstate.Core.Diagnostics;

// The rules over the model. Severity policy:
//   Error   - Step Functions would reject the definition (ValidateStateMachineDefinition / CreateStateMachine).
//   Warning - accepted, but fails or misbehaves at run time.
//   Info    - a suggestion (best practice).
// Messages say what is wrong, name the states involved and say how to fix it.
public static partial class Rules
{
    public const string GraphCategory = "Flowstate.Graph";
    public const string RetryCatchCategory = "Flowstate.RetryCatch";
    public const string PathsCategory = "Flowstate.Paths";
    public const string FieldsCategory = "Flowstate.Fields";
    public const string LimitsCategory = "Flowstate.Limits";
    public const string IntegrationsCategory = "Flowstate.Integrations";
    public const string BestPracticesCategory = "Flowstate.BestPractices";

    private static readonly List<Rule> RuleList = new();

    private static Rule R(string id, string title, string message, string category, RuleSeverity severity)
    {
        var d = new Rule(id, title, message, category, severity, description: null);
        RuleList.Add(d);
        return d;
    }

    /// <summary>The rules over the model (FLOW1xxx to FLOW6xxx), in id order.</summary>
    public static IReadOnlyList<Rule> Model => RuleList;

    private const RuleSeverity E = RuleSeverity.Error;
    private const RuleSeverity W = RuleSeverity.Warning;
    private const RuleSeverity I = RuleSeverity.Info;

    // ---- FLOW1xxx graph and transitions ----
    public static readonly Rule MissingStartAt = R(DiagnosticIds.MissingStartAt,
        "Scope has no StartAt", "{0} has no StartAt; set StartAt to the name of its first state", GraphCategory, E);
    public static readonly Rule TransitionTargetNotFound = R(DiagnosticIds.TransitionTargetNotFound,
        "Transition to a state that does not exist", "{0} '{1}', which is not a state of {2}{3}", GraphCategory, E);
    public static readonly Rule TransitionOutOfScope = R(DiagnosticIds.TransitionOutOfScope,
        "Transition crosses a Parallel branch or Map processor boundary",
        "{0} '{1}', which is a state of {2}, not of {3}; a transition cannot leave or enter a Parallel branch or a Map item processor{4}", GraphCategory, E);
    public static readonly Rule DuplicateStateName = R(DiagnosticIds.DuplicateStateName,
        "State name used more than once",
        "State name '{0}' is used more than once ({1}); state names must be unique across the whole state machine, nested branches and item processors included; rename one of them", GraphCategory, E);
    public static readonly Rule UnreachableState = R(DiagnosticIds.UnreachableState,
        "State is never reached",
        "State '{0}' in {1} is never reached: it is not the StartAt and no state transitions to it; remove it or transition to it", GraphCategory, E);
    public static readonly Rule UnreachableCycle = R(DiagnosticIds.UnreachableCycle,
        "State cannot be reached from StartAt",
        "State '{0}' in {1} cannot be reached from StartAt '{2}': only {3}, which cannot be reached either, transition to it; connect it to the rest of the workflow or remove it", GraphCategory, W);
    public static readonly Rule NoTerminalState = R(DiagnosticIds.NoTerminalState,
        "Scope has no terminal state",
        "{0} has no terminal state; give at least one state End: true, or add a Succeed or Fail state", GraphCategory, E);
    public static readonly Rule NoPathToEnd = R(DiagnosticIds.NoPathToEnd,
        "Loop with no way out",
        "No path from state '{0}' in {1} reaches a state that ends it (End: true, Succeed or Fail): {2} can only stop by failing or timing out; add a Choice rule or Catch that leads out of the loop", GraphCategory, W);
    public static readonly Rule LoopWithoutWait = R(DiagnosticIds.LoopWithoutWait,
        "Loop without a Wait state",
        "States {0} in {1} form a loop with no Wait state; every pass costs state transitions and history events (an execution is limited to 25,000 events), so add a Wait state to the loop", GraphCategory, W);
    public static readonly Rule MissingNextOrEnd = R(DiagnosticIds.MissingNextOrEnd,
        "State has neither Next nor End",
        "{1} state '{0}' has neither Next nor End: true{2}; set Next to the state that follows, or End: true to end {3}", GraphCategory, E);
    public static readonly Rule NextAndEnd = R(DiagnosticIds.NextAndEnd,
        "State has both Next and End",
        "State '{0}' has both Next ('{1}') and End: true; keep only one of them", GraphCategory, E);
    public static readonly Rule ChoiceWithNextOrEnd = R(DiagnosticIds.ChoiceWithNextOrEnd,
        "Choice state with Next or End",
        "Choice state '{0}' has {1}; a Choice state moves on only through its Choices and Default, so remove {1}", GraphCategory, E);
    public static readonly Rule ChoiceWithoutChoices = R(DiagnosticIds.ChoiceWithoutChoices,
        "Choice state without rules",
        "Choice state '{0}' has {1}; give it at least one rule in Choices", GraphCategory, E);
    public static readonly Rule TerminalStateWithTransition = R(DiagnosticIds.TerminalStateWithTransition,
        "Succeed or Fail state with Next or End",
        "{1} state '{0}' has {2}; a {1} state always ends its scope, so remove {2}", GraphCategory, E);
    public static readonly Rule EmptyStates = R(DiagnosticIds.EmptyStates,
        "Scope has no states",
        "{0} has no States; add at least one state", GraphCategory, E);

    // ---- FLOW2xxx Retry and Catch ----
    public static readonly Rule StatesAllNotAlone = R(DiagnosticIds.StatesAllNotAlone,
        "States.ALL listed with other errors",
        "{0} of state '{1}' lists States.ALL together with {2}; States.ALL must be the only error name in its ErrorEquals, so move the others to an earlier {3}", RetryCatchCategory, E);
    public static readonly Rule StatesAllNotLast = R(DiagnosticIds.StatesAllNotLast,
        "States.ALL is not in the last retrier or catcher",
        "{0} of state '{1}' matches States.ALL but is not the last {2}; move it to the end, otherwise {3} after it can never match", RetryCatchCategory, E);
    public static readonly Rule ErrorEqualsEmpty = R(DiagnosticIds.ErrorEqualsEmpty,
        "ErrorEquals is missing or empty",
        "{0} of state '{1}' has {2}; list at least one error name, for example \"States.ALL\"", RetryCatchCategory, E);
    public static readonly Rule UnknownStatesError = R(DiagnosticIds.UnknownStatesError,
        "Unknown States.* error name",
        "{0} of state '{1}' matches '{2}', which is not an error Step Functions raises{3}; names starting with 'States.' are reserved, so this entry never matches", RetryCatchCategory, W);
    public static readonly Rule RetryIntervalSecondsOutOfRange = R(DiagnosticIds.RetryIntervalSecondsOutOfRange,
        "Retry IntervalSeconds out of range",
        "IntervalSeconds of {0} of state '{1}' is {2}; it must be an integer from 1 to 99999999", RetryCatchCategory, E);
    public static readonly Rule RetryMaxAttemptsOutOfRange = R(DiagnosticIds.RetryMaxAttemptsOutOfRange,
        "Retry MaxAttempts out of range",
        "MaxAttempts of {0} of state '{1}' is {2}; it must be an integer from 0 to 99999999", RetryCatchCategory, E);
    public static readonly Rule RetryBackoffRateOutOfRange = R(DiagnosticIds.RetryBackoffRateOutOfRange,
        "Retry BackoffRate below 1.0",
        "BackoffRate of {0} of state '{1}' is {2}; it must be a number greater than or equal to 1.0", RetryCatchCategory, E);
    public static readonly Rule RetryMaxDelaySecondsOutOfRange = R(DiagnosticIds.RetryMaxDelaySecondsOutOfRange,
        "Retry MaxDelaySeconds out of range",
        "MaxDelaySeconds of {0} of state '{1}' is {2}; it must be an integer from 1 to 31622400 (less than 31622401)", RetryCatchCategory, E);
    public static readonly Rule RetryJitterStrategyInvalid = R(DiagnosticIds.RetryJitterStrategyInvalid,
        "Retry JitterStrategy is not FULL or NONE",
        "JitterStrategy of {0} of state '{1}' is {2}; it must be \"FULL\" or \"NONE\"", RetryCatchCategory, E);
    public static readonly Rule CatchWithoutNext = R(DiagnosticIds.CatchWithoutNext,
        "Catcher without Next",
        "{0} of state '{1}' has no Next; set Next to the state that handles the error", RetryCatchCategory, E);
    public static readonly Rule ErrorAlreadyHandled = R(DiagnosticIds.ErrorAlreadyHandled,
        "Error already handled by an earlier retrier or catcher",
        "{0} of state '{1}' lists '{2}', which {3} already matches; this entry never applies to it, so remove it or reorder", RetryCatchCategory, W);
    public static readonly Rule RetryOutlastsTimeout = R(DiagnosticIds.RetryOutlastsTimeout,
        "Retries can outlast the execution timeout",
        "The retriers of state '{0}' can take {1} in the worst case ({2}), more than {3}; the execution times out before the retries are exhausted, so lower MaxAttempts or MaxDelaySeconds, or raise the timeout", RetryCatchCategory, W);
    public static readonly Rule ReservedErrorName = R(DiagnosticIds.ReservedErrorName,
        "Error name uses the reserved States prefix",
        "{0} of state '{1}' names '{2}', but names starting with 'States.' are reserved for the errors Step Functions raises; name your own error without the prefix (for example '{3}')", RetryCatchCategory, W);

    // ---- FLOW3xxx paths, templates, intrinsic functions, JSONata ----
    public static readonly Rule InvalidPath = R(DiagnosticIds.InvalidPath,
        "Invalid path",
        "{0} of {1} is not a valid path: {2}", PathsCategory, E);
    public static readonly Rule NotAReferencePath = R(DiagnosticIds.NotAReferencePath,
        "Path must be a reference path",
        "{0} of {1} is '{2}', which is not a reference path ({3}); a reference path selects exactly one node, for example $.a.b, $['a b'] or $.items[0]", PathsCategory, E);
    public static readonly Rule DollarKeyNotString = R(DiagnosticIds.DollarKeyNotString,
        "'.$' key whose value is not a string",
        "'{0}' in {1} of {2} ends with '.$' but its value is {3}, not a string; give it a path or an intrinsic function, or remove '.$' from the key to pass the value as it is", PathsCategory, E);
    public static readonly Rule DollarKeyNotPath = R(DiagnosticIds.DollarKeyNotPath,
        "'.$' key whose value is not a path",
        "'{0}' in {1} of {2} ends with '.$' but its value '{3}' is neither a path nor an intrinsic function; write a path such as $.field, or remove '.$' from the key to pass the text as it is", PathsCategory, E);
    public static readonly Rule UnknownIntrinsic = R(DiagnosticIds.UnknownIntrinsic,
        "Unknown intrinsic function",
        "'{0}' in {1} of {2} calls {3}, which is not an intrinsic function{4}", PathsCategory, E);
    public static readonly Rule IntrinsicArity = R(DiagnosticIds.IntrinsicArity,
        "Intrinsic function called with the wrong number of arguments",
        "'{0}' in {1} of {2} calls {3} with {4}; {3} takes {5}", PathsCategory, E);
    public static readonly Rule IntrinsicSyntax = R(DiagnosticIds.IntrinsicSyntax,
        "Malformed intrinsic function call",
        "'{0}' in {1} of {2} is not a well-formed intrinsic function call: {3}", PathsCategory, E);
    public static readonly Rule IntrinsicArgument = R(DiagnosticIds.IntrinsicArgument,
        "Intrinsic function argument fails at run time",
        "'{0}' in {1} of {2}: {3}", PathsCategory, W);
    public static readonly Rule PathWithoutDollarKey = R(DiagnosticIds.PathWithoutDollarKey,
        "Path passed as literal text",
        "'{0}' in {1} of {2} holds '{3}', which looks like a path but is passed as literal text because the key does not end with '.$'; name the key '{0}.$' to select the value", PathsCategory, I);
    public static readonly Rule TemplateKeyCollision = R(DiagnosticIds.TemplateKeyCollision,
        "Keys collide once '.$' is removed",
        "{0} of {1} has both '{2}' and '{3}', which both produce the key '{4}'; only one value survives, so remove one of them", PathsCategory, W);
    public static readonly Rule InvalidJsonata = R(DiagnosticIds.InvalidJsonata,
        "Invalid JSONata expression",
        "{0} of {1} is not a valid JSONata expression: {2}", PathsCategory, E);
    public static readonly Rule JsonPathFieldInJsonataState = R(DiagnosticIds.JsonPathFieldInJsonataState,
        "JSONPath field in a JSONata state",
        "{0} of {1} is JSONPath syntax, but the state uses JSONata; {2}", PathsCategory, E);
    public static readonly Rule JsonataFieldInJsonPathState = R(DiagnosticIds.JsonataFieldInJsonPathState,
        "JSONata field in a JSONPath state",
        "{0} of {1} is JSONata syntax, but the state uses JSONPath; {2}", PathsCategory, E);
    public static readonly Rule JsonataInJsonPathState = R(DiagnosticIds.JsonataInJsonPathState,
        "JSONata expression in a JSONPath state is not evaluated",
        "{0} of {1} holds the JSONata expression '{2}', but the state uses JSONPath, so it is passed as literal text; set QueryLanguage to \"JSONata\" or use a JSONPath template", PathsCategory, W);
    public static readonly Rule UnknownContextField = R(DiagnosticIds.UnknownContextField,
        "Unknown context object field",
        "{0} of {1} reads '{2}', which is not a field of the context object{3}", PathsCategory, W);
    public static readonly Rule UnassignedVariable = R(DiagnosticIds.UnassignedVariable,
        "Variable is never assigned",
        "{0} of {1} reads the variable '${2}', which no Assign in the state machine sets{3}", PathsCategory, W);
    public static readonly Rule InvalidVariableName = R(DiagnosticIds.InvalidVariableName,
        "Invalid variable name",
        "Assign of {0} sets '{1}', which is not a valid variable name: {2}", PathsCategory, E);
    public static readonly Rule PathWithSurroundingWhitespace = R(DiagnosticIds.PathWithSurroundingWhitespace,
        "Path with leading or trailing whitespace",
        "{0} of {1} is '{2}', with whitespace {3}; Step Functions accepts it, but the whitespace is easy to miss and other tools reject it, so remove it", PathsCategory, W);
    public static readonly Rule IntrinsicNotAString = R(DiagnosticIds.IntrinsicNotAString,
        "ErrorPath or CausePath intrinsic does not return a string",
        "{0} of Fail state '{1}' calls '{2}', which does not return a string; ErrorPath and CausePath accept a reference path or one of States.Format, States.JsonToString, States.ArrayGetItem, States.Base64Encode, States.Base64Decode, States.Hash and States.UUID", PathsCategory, W);

    // ---- FLOW4xxx state fields ----
    public static readonly Rule InvalidStateType = R(DiagnosticIds.InvalidStateType,
        "Missing or unknown state Type",
        "State '{0}' has {1}; Type must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map{2}", FieldsCategory, E);
    public static readonly Rule StateNotAnObject = R(DiagnosticIds.StateNotAnObject,
        "State is not a JSON object",
        "State '{0}' is {1}, not a JSON object with a Type{2}", FieldsCategory, E);
    public static readonly Rule FieldNotAllowed = R(DiagnosticIds.FieldNotAllowed,
        "Field not allowed for this state type",
        "{0} state '{1}' has {2}, which a {0} state does not accept{3}; remove it", FieldsCategory, E);
    public static readonly Rule UnknownField = R(DiagnosticIds.UnknownField,
        "Field is not part of the Amazon States Language",
        "{0} has the field '{1}', which is not part of the Amazon States Language{2}; remove it", FieldsCategory, E);
    public static readonly Rule FieldWrongType = R(DiagnosticIds.FieldWrongType,
        "Field has the wrong JSON type",
        "{0} has '{1}' set to {2}; it must be {3}", FieldsCategory, E);
    public static readonly Rule InvalidTimeout = R(DiagnosticIds.InvalidTimeout,
        "TimeoutSeconds or HeartbeatSeconds is not a positive integer",
        "{0} of state '{1}' is {2}; it must be a positive integer no greater than 99999999{3}", FieldsCategory, E);
    public static readonly Rule HeartbeatNotBelowTimeout = R(DiagnosticIds.HeartbeatNotBelowTimeout,
        "HeartbeatSeconds is not less than TimeoutSeconds",
        "HeartbeatSeconds ({1}) of state '{0}' is not less than its TimeoutSeconds ({2}); the heartbeat interval must be shorter than the timeout", FieldsCategory, E);
    public static readonly Rule StaticAndPathTogether = R(DiagnosticIds.StaticAndPathTogether,
        "Static value and its Path form together",
        "{0} state '{1}' has both {2} and {3}; they are alternatives, so keep only one", FieldsCategory, E);
    public static readonly Rule WaitDuration = R(DiagnosticIds.WaitDuration,
        "Wait state needs exactly one duration field",
        "Wait state '{0}' has {1}; it needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath", FieldsCategory, E);
    public static readonly Rule WaitSecondsInvalid = R(DiagnosticIds.WaitSecondsInvalid,
        "Wait Seconds is not a non-negative integer",
        "Seconds of Wait state '{0}' is {1}; it must be an integer from 0 to 99999999", FieldsCategory, E);
    public static readonly Rule InvalidTimestamp = R(DiagnosticIds.InvalidTimestamp,
        "Timestamp is not RFC 3339",
        "{0} of {1} is '{2}', which is not an RFC 3339 timestamp such as 2026-03-14T01:59:00Z (uppercase T, and Z or a numeric offset)", FieldsCategory, E);
    public static readonly Rule ChoiceRuleOperator = R(DiagnosticIds.ChoiceRuleOperator,
        "Choice rule does not have exactly one operator",
        "{0} of Choice state '{1}' {2}; a rule is exactly one of: Variable with one comparison operator, And, Or, Not{3}", FieldsCategory, E);
    public static readonly Rule ChoiceOperandType = R(DiagnosticIds.ChoiceOperandType,
        "Choice comparison operand has the wrong type",
        "{0} of Choice state '{1}' gives {2} the value {3}; {2} takes {4}", FieldsCategory, E);
    public static readonly Rule NestedRuleWithNext = R(DiagnosticIds.NestedRuleWithNext,
        "Nested Choice rule with Next",
        "{0} of Choice state '{1}' is nested inside And, Or or Not but has Next ('{2}'); only top-level rules have Next, so move it to the enclosing rule", FieldsCategory, E);
    public static readonly Rule RuleWithoutNext = R(DiagnosticIds.RuleWithoutNext,
        "Top-level Choice rule without Next",
        "{0} of Choice state '{1}' has no Next; every top-level rule needs the state to go to when it matches", FieldsCategory, E);
    public static readonly Rule EmptyAndOr = R(DiagnosticIds.EmptyAndOr,
        "Empty And or Or",
        "{0} of Choice state '{1}' has an empty {2}; give it at least one rule", FieldsCategory, E);
    public static readonly Rule MapProcessor = R(DiagnosticIds.MapProcessor,
        "Map state needs exactly one of ItemProcessor or Iterator",
        "Map state '{0}' {1}; give it exactly one of ItemProcessor or Iterator (Iterator is the legacy name)", FieldsCategory, E);
    public static readonly Rule MapSelectorConflict = R(DiagnosticIds.MapSelectorConflict,
        "Map state with both ItemSelector and Parameters",
        "Map state '{0}' has both ItemSelector and Parameters; Parameters is the legacy name of ItemSelector, so keep only ItemSelector", FieldsCategory, E);
    public static readonly Rule MapItemSourceConflict = R(DiagnosticIds.MapItemSourceConflict,
        "Map state with two item sources",
        "Map state '{0}' has both {1} and {2}; {3}", FieldsCategory, E);
    public static readonly Rule MapNumberOutOfRange = R(DiagnosticIds.MapNumberOutOfRange,
        "Map concurrency or tolerated failure out of range",
        "{1} of Map state '{0}' is {2}; it must be {3}", FieldsCategory, E);
    public static readonly Rule MapLabelInvalid = R(DiagnosticIds.MapLabelInvalid,
        "Invalid Map Label",
        "Label '{1}' of Map state '{0}' {2}; a Label has at most 40 characters and no whitespace, control characters or ?*<>{{}}[]\"#%\\^|~`$&,;:/", FieldsCategory, E);
    public static readonly Rule DistributedOnlyField = R(DiagnosticIds.DistributedOnlyField,
        "Distributed Map field on an inline Map",
        "Map state '{0}' has {1}, which only a distributed Map accepts; set ProcessorConfig {{ \"Mode\": \"DISTRIBUTED\", \"ExecutionType\": ... }} or remove {1}", FieldsCategory, E);
    public static readonly Rule ProcessorConfigInvalid = R(DiagnosticIds.ProcessorConfigInvalid,
        "Invalid ProcessorConfig",
        "ProcessorConfig of Map state '{0}' {1}", FieldsCategory, E);
    public static readonly Rule ParallelWithoutBranches = R(DiagnosticIds.ParallelWithoutBranches,
        "Parallel state without branches",
        "Parallel state '{0}' has {1}; give it at least one branch", FieldsCategory, E);
    public static readonly Rule MachineTimeoutInvalid = R(DiagnosticIds.MachineTimeoutInvalid,
        "State machine TimeoutSeconds is not a positive integer",
        "TimeoutSeconds of the state machine is {0}; it must be a positive integer no greater than 99999999", FieldsCategory, E);
    public static readonly Rule VersionInvalid = R(DiagnosticIds.VersionInvalid,
        "Unknown ASL Version",
        "Version of the state machine is {0}; the only Amazon States Language version is \"1.0\"", FieldsCategory, E);
    public static readonly Rule QueryLanguageInvalid = R(DiagnosticIds.QueryLanguageInvalid,
        "Unknown QueryLanguage",
        "QueryLanguage of {0} is {1}; it must be \"JSONPath\" or \"JSONata\"", FieldsCategory, E);
    public static readonly Rule TaskWithoutResource = R(DiagnosticIds.TaskWithoutResource,
        "Task state without Resource",
        "Task state '{0}' has no Resource; set it to the ARN of the Lambda function, activity or service integration to call", FieldsCategory, E);

    public static readonly Rule DuplicateField = R(DiagnosticIds.DuplicateField,
        "Field written more than once",
        "{0} has the field '{1}' more than once; JSON readers keep only one of them, so remove the duplicate", FieldsCategory, E);
    public static readonly Rule WriterConfigInvalid = R(DiagnosticIds.WriterConfigInvalid,
        "Invalid ResultWriter WriterConfig",
        "The ResultWriter of Map state '{0}' {1}", FieldsCategory, E);

    // ---- FLOW5xxx names, limits, integrations, workflow type ----
    public static readonly Rule StateNameTooLong = R(DiagnosticIds.StateNameTooLong,
        "State name longer than 80 characters",
        "State name '{0}' has {1} characters; state names are limited to 80", LimitsCategory, E);
    public static readonly Rule StateNameInvalid = R(DiagnosticIds.StateNameInvalid,
        "Invalid state name",
        "State name {0} {1}; give the state a non-empty name without control characters", LimitsCategory, E);
    public static readonly Rule MachineNameInvalid = R(DiagnosticIds.MachineNameInvalid,
        "Invalid state machine name",
        "State machine name '{0}' {1}; a name has 1 to 80 characters and no whitespace, control characters or ?*<>{{}}[]\"#%\\^|~`$&,;:/", LimitsCategory, E);
    public static readonly Rule IntegrationPatternNotSupported = R(DiagnosticIds.IntegrationPatternNotSupported,
        "Integration pattern not supported by the service",
        "Task state '{0}' calls {1} with the {2} pattern, which {3} does not support; supported: {4}", IntegrationsCategory, E);
    public static readonly Rule UnknownServiceIntegration = R(DiagnosticIds.UnknownServiceIntegration,
        "Unknown service integration",
        "Task state '{0}' calls '{1}', which is not a Step Functions optimized integration{2}; for any other AWS API use arn:aws:states:::aws-sdk:service:action", IntegrationsCategory, W);
    public static readonly Rule TaskTokenNotPassed = R(DiagnosticIds.TaskTokenNotPassed,
        "waitForTaskToken task does not pass the task token",
        "Task state '{0}' waits for a task token (.waitForTaskToken) but its {1} never passes {2}; nothing can call SendTaskSuccess, so the task waits until it times out", IntegrationsCategory, W);
    public static readonly Rule ExpressUnsupported = R(DiagnosticIds.ExpressUnsupported,
        "Feature not supported by Express workflows",
        "State '{0}' {1}, which Express workflows do not support; {2}", IntegrationsCategory, E);
    public static readonly Rule DefinitionTooLarge = R(DiagnosticIds.DefinitionTooLarge,
        "Definition larger than 1 MB",
        "The definition is {0} bytes long (UTF-8); Step Functions accepts at most 1,048,576 bytes. Split it into nested state machines (states:startExecution) or move large payload templates out", LimitsCategory, E);
    public static readonly Rule NestingTooDeep = R(DiagnosticIds.NestingTooDeep,
        "Parallel and Map states nested too deeply",
        "State '{0}' is nested {1} levels deep in Parallel branches and Map processors (more than {2}); move the inner part into its own state machine and start it with states:startExecution", LimitsCategory, W);
    public static readonly Rule ExpressDurationExceeded = R(DiagnosticIds.ExpressDurationExceeded,
        "Express workflow runs longer than 5 minutes",
        "{0} in an Express workflow, which runs at most 5 minutes (300 seconds); the execution would be stopped — shorten it or use a Standard workflow", LimitsCategory, W);
    public static readonly Rule WorkflowTypeInvalid = R(DiagnosticIds.WorkflowTypeInvalid,
        "Unknown workflow type",
        "The workflow type of state machine '{0}' is '{1}'; it must be STANDARD or EXPRESS", LimitsCategory, E);
    public static readonly Rule ResourceNotAnArn = R(DiagnosticIds.ResourceNotAnArn,
        "Task Resource is not an ARN",
        "Resource of Task state '{0}' is '{1}', which is not an ARN; use a Lambda function ARN, an activity ARN or arn:aws:states:::service:action", IntegrationsCategory, E);
    public static readonly Rule ResourceIncomplete = R(DiagnosticIds.ResourceIncomplete,
        "Task Resource names no service or action",
        "Resource of Task state '{0}' is '{1}', which {2}; an integration is arn:aws:states:::service:action (an AWS SDK call is arn:aws:states:::aws-sdk:service:action)", IntegrationsCategory, E);
    public static readonly Rule IntegrationParameterInvalid = R(DiagnosticIds.IntegrationParameterInvalid,
        "Integration parameter is null or not a string",
        "{0} of Task state '{1}' sets '{2}' to {3}; {4} needs a string (or '{2}.$' with a path), so give it a value or remove it", IntegrationsCategory, E);

    // ---- FLOW6xxx best practices ----
    public static readonly Rule LambdaWithoutTransientRetry = R(DiagnosticIds.LambdaWithoutTransientRetry,
        "Lambda task does not retry transient Lambda errors",
        "Lambda task '{0}' has no retrier for {1}; AWS recommends retrying these transient errors, for example [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2)]", BestPracticesCategory, I);
    public static readonly Rule TaskWithoutTimeout = R(DiagnosticIds.TaskWithoutTimeout,
        "Task without TimeoutSeconds",
        "Task state '{0}' has no TimeoutSeconds; {1}", BestPracticesCategory, I);
    public static readonly Rule ChoiceWithoutDefault = R(DiagnosticIds.ChoiceWithoutDefault,
        "Choice state without Default",
        "Choice state '{0}' has no Default; when no rule matches, the execution fails with States.NoChoiceMatched — add a Default state", BestPracticesCategory, I);
    public static readonly Rule LegacyMapField = R(DiagnosticIds.LegacyMapField,
        "Legacy Map field",
        "Map state '{0}' uses {1}, the legacy name of {2}; prefer {2}", BestPracticesCategory, I);
    public static readonly Rule PlaceholderNotDeclared = R(DiagnosticIds.PlaceholderNotDeclared,
        "Deployment placeholder is not declared",
        "{0} of {1} uses the placeholder '${{{2}}}', which is not declared; declare it or fix its name", BestPracticesCategory, W);
    public static readonly Rule PlaceholderUnused = R(DiagnosticIds.PlaceholderUnused,
        "Deployment placeholder is declared but never used",
        "The placeholder '{0}' is declared but no field of state machine '{1}' uses it; remove the declaration", BestPracticesCategory, I);
}
