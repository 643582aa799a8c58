using System;
using System.Collections.Generic;
using System.Linq;

namespace Flowstate.Core.Asl;

/// <summary>
/// The words of the Amazon States Language, in one place: state types, the fields of each element
/// and the order Flowstate writes them in, Choice operators, integration-pattern suffixes,
/// predefined and Lambda error names, name rules, and the JSONata expression test. The reader,
/// writer, validation, graph writers, importer, code fixes, local runner and CLI use these instead
/// of their own copies; <c>AslVocabularyTests</c> (tests/Flowstate.Cli.Tests) fail when a field is
/// known to one of the reader, writer, validation or importer but not here.
/// </summary>
/// <remarks>Sources: the ASL specification (states-language.net) and the Step Functions developer
/// guide (state types, JSONata, Distributed Map, error names).</remarks>
public static class AslVocabulary
{
    /// <summary>Query languages.</summary>
    public const string JsonPath = "JSONPath";
    public const string Jsonata = "JSONata";

    /// <summary>The eight state types.</summary>
    public static class StateTypes
    {
        public const string Task = "Task";
        public const string Pass = "Pass";
        public const string Choice = "Choice";
        public const string Wait = "Wait";
        public const string Succeed = "Succeed";
        public const string Fail = "Fail";
        public const string Parallel = "Parallel";
        public const string Map = "Map";

        /// <summary>All eight, in the order the specification introduces them.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map };

        /// <summary>True for Choice, Succeed and Fail: states that take neither Next nor End.</summary>
        public static bool HasNoTransition(string? type) => type is Choice or Succeed or Fail;

        /// <summary>True for Succeed and Fail: states that end their scope by themselves.</summary>
        public static bool IsTerminal(string? type) => type is Succeed or Fail;

        public static bool IsKnown(string? type) => type is not null && Array.IndexOf((string[])All, type) >= 0;
    }

    /// <summary>
    /// Every field of a state, in the order <see cref="AslWriter"/> writes them (the type first, the
    /// transition last). A state type's own fields are this list filtered by <see cref="StateFields"/>.
    /// </summary>
    public static IReadOnlyList<string> StateFieldOrder { get; } = new[]
    {
        "Type", "Comment", "QueryLanguage", "Resource",
        "Choices", "Default",
        "Seconds", "SecondsPath", "Timestamp", "TimestampPath",
        "Error", "ErrorPath", "Cause", "CausePath",
        "Branches",
        "ItemsPath", "Items", "ItemReader", "ItemSelector", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath",
        "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
        "Label", "ItemProcessor", "Iterator", "ResultWriter",
        "InputPath", "Parameters", "Arguments", "Result", "ResultSelector", "ResultPath", "OutputPath", "Output", "Assign",
        "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials",
        "Retry", "Catch",
        "Next", "End",
    };

    private static readonly string[] Common = { "Type", "Comment", "QueryLanguage" };

    /// <summary>The fields each state type accepts (JSONPath and JSONata together; <see cref="JsonPathOnlyFields"/> and
    /// <see cref="JsonataOnlyFields"/> split them), each list in <see cref="StateFieldOrder"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StateFields { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [StateTypes.Pass] = Ordered(Common, "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Next", "End", "Assign", "Output"),
        [StateTypes.Task] = Ordered(Common, "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
            "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials",
            "Next", "End", "Arguments", "Output", "Assign"),
        [StateTypes.Choice] = Ordered(Common, "Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"),
        [StateTypes.Wait] = Ordered(Common, "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "InputPath", "OutputPath",
            "Next", "End", "Assign", "Output"),
        [StateTypes.Succeed] = Ordered(Common, "InputPath", "OutputPath", "Output"),
        [StateTypes.Fail] = Ordered(Common, "Error", "ErrorPath", "Cause", "CausePath"),
        [StateTypes.Parallel] = Ordered(Common, "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
            "Retry", "Catch", "Next", "End", "Arguments", "Output", "Assign"),
        [StateTypes.Map] = Ordered(Common, "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "Parameters",
            "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
            "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
            "InputPath", "OutputPath", "ResultSelector", "ResultPath", "Retry", "Catch", "Next", "End", "Output", "Assign"),
    };

    /// <summary>Top-level fields of a definition, in written order.</summary>
    public static IReadOnlyList<string> MachineFields { get; } = new[] { "Comment", "QueryLanguage", "StartAt", "States", "TimeoutSeconds", "Version" };

    /// <summary>Fields of a Parallel branch, in written order.</summary>
    public static IReadOnlyList<string> BranchFields { get; } = new[] { "Comment", "StartAt", "States" };

    /// <summary>Fields of a Map's ItemProcessor (or Iterator), in written order.</summary>
    public static IReadOnlyList<string> ProcessorFields { get; } = new[] { "Comment", "ProcessorConfig", "StartAt", "States" };

    /// <summary>Fields of a retrier, in written order.</summary>
    public static IReadOnlyList<string> RetrierFields { get; } = new[] { "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment" };

    /// <summary>Fields of a catcher, in written order.</summary>
    public static IReadOnlyList<string> CatcherFields { get; } = new[] { "ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment" };

    /// <summary>Fields that exist only in JSONPath states, with what replaces each in JSONata.</summary>
    public static IReadOnlyDictionary<string, string> JsonPathOnlyFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["InputPath"] = "select the input inside Arguments or Output with {% $states.input... %}",
        ["OutputPath"] = "shape the output with Output",
        ["Parameters"] = "use Arguments (or ItemSelector on a Map)",
        ["ResultSelector"] = "shape the result with Output",
        ["ResultPath"] = "combine input and result with Output (or store the result with Assign)",
        ["ItemsPath"] = "use Items with a JSONata expression",
        ["TimeoutSecondsPath"] = "use TimeoutSeconds with a {% %} expression",
        ["HeartbeatSecondsPath"] = "use HeartbeatSeconds with a {% %} expression",
        ["SecondsPath"] = "use Seconds with a {% %} expression",
        ["TimestampPath"] = "use Timestamp with a {% %} expression",
        ["ErrorPath"] = "use Error with a {% %} expression",
        ["CausePath"] = "use Cause with a {% %} expression",
        ["MaxConcurrencyPath"] = "use MaxConcurrency with a {% %} expression",
        ["ToleratedFailureCountPath"] = "use ToleratedFailureCount with a {% %} expression",
        ["ToleratedFailurePercentagePath"] = "use ToleratedFailurePercentage with a {% %} expression",
    };

    /// <summary>Fields that exist only in JSONata states, with what replaces each in JSONPath.</summary>
    public static IReadOnlyDictionary<string, string> JsonataOnlyFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Arguments"] = "use Parameters, or set QueryLanguage to \"JSONata\"",
        ["Output"] = "use OutputPath/ResultSelector, or set QueryLanguage to \"JSONata\"",
        ["Items"] = "use ItemsPath, or set QueryLanguage to \"JSONata\"",
    };

    /// <summary>What a Choice comparison operator compares its variable with.</summary>
    public enum OperandKind { String, Number, Boolean, Timestamp, Path, TypeTest }

    /// <summary>Every Choice comparison operator, in the order the specification lists them, with its operand.</summary>
    public static IReadOnlyList<KeyValuePair<string, OperandKind>> ChoiceOperators { get; } = BuildOperators();

    private static KeyValuePair<string, OperandKind>[] BuildOperators()
    {
        var list = new List<KeyValuePair<string, OperandKind>>();
        void Add(string name, OperandKind kind) => list.Add(new KeyValuePair<string, OperandKind>(name, kind));
        foreach (var op in new[] { "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals" })
        {
            Add(op, OperandKind.String);
            Add(op + "Path", OperandKind.Path);
        }
        Add("StringMatches", OperandKind.String);
        foreach (var op in new[] { "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals" })
        {
            Add(op, OperandKind.Number);
            Add(op + "Path", OperandKind.Path);
        }
        Add("BooleanEquals", OperandKind.Boolean);
        Add("BooleanEqualsPath", OperandKind.Path);
        foreach (var op in new[] { "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals" })
        {
            Add(op, OperandKind.Timestamp);
            Add(op + "Path", OperandKind.Path);
        }
        foreach (var op in new[] { "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp" })
            Add(op, OperandKind.TypeTest);
        return list.ToArray();
    }

    /// <summary>Fields of a Choice rule other than its comparison operator.</summary>
    public static IReadOnlyList<string> ChoiceRuleFields { get; } = new[] { "Variable", "And", "Or", "Not", "Condition", "Next", "Comment", "Assign", "Output" };

    /// <summary>The suffixes of a Task resource that choose the integration pattern (Step Functions
    /// developer guide, "Service integration patterns"): run a job (<c>.sync</c>, <c>.sync:2</c>) and
    /// wait for a callback (<c>.waitForTaskToken</c>). No suffix is request-response.</summary>
    public static IReadOnlyList<string> IntegrationSuffixes { get; } = new[] { ".sync", ".sync:2", ".waitForTaskToken" };

    /// <summary>The error names Step Functions itself raises (ASL specification and the Step Functions
    /// developer guide, "Error names"). Users may not invent others with the <c>States.</c> prefix.</summary>
    public static IReadOnlyList<string> PredefinedErrors { get; } = new[]
    {
        "States.ALL", "States.DataLimitExceeded", "States.ExceedToleratedFailureThreshold", "States.HeartbeatTimeout",
        "States.Http.Socket", "States.IntrinsicFailure", "States.ItemReaderFailed", "States.NoChoiceMatched",
        "States.ParameterPathFailure", "States.Permissions", "States.ResultPathMatchFailure", "States.ResultWriterFailed",
        "States.Runtime", "States.TaskFailed", "States.Timeout", "States.BranchFailed", "States.QueryEvaluationError",
    };

    /// <summary>The prefix of HTTP Task errors, which carry the status code (<c>States.Http.StatusCode.404</c>).</summary>
    public const string HttpStatusErrorPrefix = "States.Http.StatusCode.";

    /// <summary>True for a predefined error name, including the HTTP status-code errors.</summary>
    public static bool IsPredefinedError(string name)
        => PredefinedErrors.Contains(name) || name.StartsWith(HttpStatusErrorPrefix, StringComparison.Ordinal);

    /// <summary>The transient Lambda service errors AWS recommends retrying on every Lambda task
    /// (Step Functions developer guide, "Handling Lambda service exceptions").</summary>
    public static IReadOnlyList<string> LambdaTransientErrors { get; } = new[]
    {
        "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException",
    };

    /// <summary>The longest state name, state machine name or Map label AWS accepts.</summary>
    public const int MaxNameLength = 80;

    /// <summary>Characters AWS rejects in state machine names and Map labels.</summary>
    public const string ForbiddenNameCharacters = "?*<>{}[]\"#%\\^|~`$&,;:/";

    /// <summary>A JSONata expression: a string that starts with <c>{%</c> and ends with <c>%}</c>, as written (no trimming).</summary>
    public static bool IsJsonataExpression(string? text)
        => text is not null && text.Length >= 4
           && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);

    private static string[] Ordered(string[] common, params string[] own)
    {
        var set = new HashSet<string>(common, StringComparer.Ordinal);
        set.UnionWith(own);
        // A field missing from StateFieldOrder goes last rather than throwing (this runs inside the
        // compiler, which must never see an exception); AslVocabularyTests fail on it.
        return StateFieldOrder.Where(set.Contains).Concat(own.Where(f => !StateFieldOrder.Contains(f))).ToArray();
    }
}
