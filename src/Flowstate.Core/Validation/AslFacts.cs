using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Asl;

namespace Flowstate.Core.Validation;

/// <summary>What the Amazon States Language (and Step Functions) define: fields per element, operators, errors.</summary>
internal static class AslFacts
{
    // Views of AslVocabulary (Asl/AslVocabulary.cs), the one place these words are written, shaped
    // for the validation rules' lookups.
    public const string JsonPath = AslVocabulary.JsonPath;
    public const string Jsonata = AslVocabulary.Jsonata;

    public static readonly string[] StateTypes = AslVocabulary.StateTypes.All.ToArray();

    private static HashSet<string> Set(IEnumerable<string> items) => new(items, StringComparer.Ordinal);

    public static readonly HashSet<string> MachineFields = Set(AslVocabulary.MachineFields);
    public static readonly HashSet<string> BranchFields = Set(AslVocabulary.BranchFields);
    public static readonly HashSet<string> ProcessorFields = Set(AslVocabulary.ProcessorFields);
    public static readonly HashSet<string> RetrierFields = Set(AslVocabulary.RetrierFields);
    public static readonly HashSet<string> CatcherFields = Set(AslVocabulary.CatcherFields);

    /// <summary>The fields each state type accepts (either query language; the language split is separate).</summary>
    public static readonly Dictionary<string, HashSet<string>> StateFields =
        AslVocabulary.StateFields.ToDictionary(kv => kv.Key, kv => Set(kv.Value), StringComparer.Ordinal);

    /// <summary>Every field some state type accepts.</summary>
    public static readonly HashSet<string> AllStateFields = Set(AslVocabulary.StateFields.Values.SelectMany(v => v));

    /// <summary>Fields that exist only in JSONPath states (with what replaces them in JSONata).</summary>
    public static readonly IReadOnlyDictionary<string, string> JsonPathOnlyFields = AslVocabulary.JsonPathOnlyFields;

    /// <summary>Fields that exist only in JSONata states (with what replaces them in JSONPath).</summary>
    public static readonly IReadOnlyDictionary<string, string> JsonataOnlyFields = AslVocabulary.JsonataOnlyFields;

    /// <summary>Every comparison operator and the operand it takes.</summary>
    public static readonly Dictionary<string, AslVocabulary.OperandKind> ChoiceOperators =
        AslVocabulary.ChoiceOperators.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    public static readonly HashSet<string> ChoiceRuleFields = Set(AslVocabulary.ChoiceRuleFields.Concat(ChoiceOperators.Keys));

    /// <summary>The error names Step Functions itself raises (ASL spec + Step Functions docs).</summary>
    public static readonly HashSet<string> PredefinedErrors = Set(AslVocabulary.PredefinedErrors);

    public static bool IsPredefinedError(string name)
        => PredefinedErrors.Contains(name)
           // HTTP Task errors carry the status code: States.Http.StatusCode.404
           || name.StartsWith(AslVocabulary.HttpStatusErrorPrefix, StringComparison.Ordinal);

    /// <summary>Top-level fields of the context object ($$) and their known children; null children means "any".</summary>
    public static readonly Dictionary<string, HashSet<string>?> ContextFields = new(StringComparer.Ordinal)
    {
        ["Execution"] = Set(new[] { "Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime" }),
        ["State"] = Set(new[] { "EnteredTime", "Name", "RetryCount" }),
        ["StateMachine"] = Set(new[] { "Id", "Name" }),
        ["Task"] = Set(new[] { "Token" }),
        ["Map"] = Set(new[] { "Item" }),
    };

    /// <summary>Characters AWS rejects in state machine names and Map labels.</summary>
    public const string ForbiddenNameCharacters = AslVocabulary.ForbiddenNameCharacters;

    public static bool IsControl(char c) => c <= 0x1F || (c >= 0x7F && c <= 0x9F);
}
