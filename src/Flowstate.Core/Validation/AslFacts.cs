using System;
using System.Collections.Generic;

namespace Flowstate.Core.Validation;

/// <summary>What the Amazon States Language (and Step Functions) define: fields per element, operators, errors.</summary>
internal static class AslFacts
{
    public const string JsonPath = "JSONPath";
    public const string Jsonata = "JSONata";

    public static readonly string[] StateTypes = { "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map" };

    private static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);

    public static readonly HashSet<string> MachineFields = Set("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
    public static readonly HashSet<string> BranchFields = Set("Comment", "StartAt", "States");
    public static readonly HashSet<string> ProcessorFields = Set("Comment", "StartAt", "States", "ProcessorConfig");
    public static readonly HashSet<string> RetrierFields = Set("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    public static readonly HashSet<string> CatcherFields = Set("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");

    /// <summary>The fields each state type accepts (either query language; the language split is separate).</summary>
    public static readonly Dictionary<string, HashSet<string>> StateFields = new(StringComparer.Ordinal)
    {
        ["Pass"] = Set("Type", "Comment", "QueryLanguage", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Next", "End", "Assign", "Output"),
        ["Task"] = Set("Type", "Comment", "QueryLanguage", "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
            "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials",
            "Next", "End", "Arguments", "Output", "Assign"),
        ["Choice"] = Set("Type", "Comment", "QueryLanguage", "Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"),
        ["Wait"] = Set("Type", "Comment", "QueryLanguage", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "InputPath", "OutputPath",
            "Next", "End", "Assign", "Output"),
        ["Succeed"] = Set("Type", "Comment", "QueryLanguage", "InputPath", "OutputPath", "Output"),
        ["Fail"] = Set("Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"),
        ["Parallel"] = Set("Type", "Comment", "QueryLanguage", "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
            "Retry", "Catch", "Next", "End", "Arguments", "Output", "Assign"),
        ["Map"] = Set("Type", "Comment", "QueryLanguage", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "Parameters",
            "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
            "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
            "InputPath", "OutputPath", "ResultSelector", "ResultPath", "Retry", "Catch", "Next", "End", "Output", "Assign"),
    };

    /// <summary>Every field some state type accepts.</summary>
    public static readonly HashSet<string> AllStateFields = BuildAllStateFields();

    private static HashSet<string> BuildAllStateFields()
    {
        var all = Set();
        foreach (var kv in StateFields) all.UnionWith(kv.Value);
        return all;
    }

    /// <summary>Fields that exist only in JSONPath states (with what replaces them in JSONata).</summary>
    public static readonly Dictionary<string, string> JsonPathOnlyFields = new(StringComparer.Ordinal)
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

    /// <summary>Fields that exist only in JSONata states (with what replaces them in JSONPath).</summary>
    public static readonly Dictionary<string, string> JsonataOnlyFields = new(StringComparer.Ordinal)
    {
        ["Arguments"] = "use Parameters, or set QueryLanguage to \"JSONata\"",
        ["Output"] = "use OutputPath/ResultSelector, or set QueryLanguage to \"JSONata\"",
        ["Items"] = "use ItemsPath, or set QueryLanguage to \"JSONata\"",
    };

    public static readonly string[] StringOperators = { "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches" };
    public static readonly string[] NumericOperators = { "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals" };
    public static readonly string[] TimestampOperators = { "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals" };
    public static readonly string[] TypeTestOperators = { "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp" };

    public enum OperandKind { String, Number, Boolean, Timestamp, Path, TypeTest }

    /// <summary>Every comparison operator and the operand it takes.</summary>
    public static readonly Dictionary<string, OperandKind> ChoiceOperators = BuildOperators();

    private static Dictionary<string, OperandKind> BuildOperators()
    {
        var d = new Dictionary<string, OperandKind>(StringComparer.Ordinal);
        foreach (var op in StringOperators)
        {
            d[op] = OperandKind.String;
            if (op != "StringMatches") d[op + "Path"] = OperandKind.Path;
        }
        foreach (var op in NumericOperators) { d[op] = OperandKind.Number; d[op + "Path"] = OperandKind.Path; }
        foreach (var op in TimestampOperators) { d[op] = OperandKind.Timestamp; d[op + "Path"] = OperandKind.Path; }
        d["BooleanEquals"] = OperandKind.Boolean;
        d["BooleanEqualsPath"] = OperandKind.Path;
        foreach (var op in TypeTestOperators) d[op] = OperandKind.TypeTest;
        return d;
    }

    public static readonly HashSet<string> ChoiceRuleFields = BuildRuleFields();

    private static HashSet<string> BuildRuleFields()
    {
        var s = Set("Variable", "And", "Or", "Not", "Condition", "Next", "Comment", "Assign", "Output");
        s.UnionWith(ChoiceOperators.Keys);
        return s;
    }

    /// <summary>The error names Step Functions itself raises (ASL spec + Step Functions docs).</summary>
    public static readonly HashSet<string> PredefinedErrors = Set(
        "States.ALL", "States.DataLimitExceeded", "States.ExceedToleratedFailureThreshold", "States.HeartbeatTimeout",
        "States.Http.Socket", "States.IntrinsicFailure", "States.ItemReaderFailed", "States.NoChoiceMatched",
        "States.ParameterPathFailure", "States.Permissions", "States.ResultPathMatchFailure", "States.ResultWriterFailed",
        "States.Runtime", "States.TaskFailed", "States.Timeout", "States.BranchFailed", "States.QueryEvaluationError");

    public static bool IsPredefinedError(string name)
        => PredefinedErrors.Contains(name)
           // HTTP Task errors carry the status code: States.Http.StatusCode.404
           || name.StartsWith("States.Http.StatusCode.", StringComparison.Ordinal);

    /// <summary>Top-level fields of the context object ($$) and their known children; null children means "any".</summary>
    public static readonly Dictionary<string, HashSet<string>?> ContextFields = new(StringComparer.Ordinal)
    {
        ["Execution"] = Set("Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"),
        ["State"] = Set("EnteredTime", "Name", "RetryCount"),
        ["StateMachine"] = Set("Id", "Name"),
        ["Task"] = Set("Token"),
        ["Map"] = Set("Item"),
    };

    /// <summary>Characters AWS rejects in state machine names and Map labels.</summary>
    public const string ForbiddenNameCharacters = "?*<>{}[]\"#%\\^|~`$&,;:/";

    public static bool IsControl(char c) => c <= 0x1F || (c >= 0x7F && c <= 0x9F);
}
