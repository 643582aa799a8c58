using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Asl;
using Flowstate.Core.Conditions;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Cli.Importing;

// States: one state attribute with every field its attribute class can carry, then [StartAt]
// (Map), [Retry], [Catch], [When] and [AslField] for the rest. Which properties exist on which
// attribute mirrors src/Flowstate/StateAttributes.cs and TaskAttributes.cs; a field the attribute
// does not declare, or a value its property type cannot hold, is written with [AslField] under its
// ASL name, which the parser turns back into the same JSON member.
internal sealed partial class DslWriterRun
{
    private static readonly string[] CommonFields = { "Comment", "QueryLanguage" };
    private static readonly string[] TransitionFields = { "Next", "End", "InputPath", "OutputPath", "Assign", "Output" };

    private static readonly Dictionary<string, HashSet<string>> Supported = new(StringComparer.Ordinal)
    {
        ["Pass"] = Fields(TransitionFields, "Parameters", "Result", "ResultPath"),
        ["Wait"] = Fields(TransitionFields, "Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
        ["Succeed"] = Fields(null, "InputPath", "OutputPath", "Output"),
        ["Fail"] = Fields(null, "Error", "Cause", "ErrorPath", "CausePath"),
        ["Choice"] = Fields(null, "Default", "InputPath", "OutputPath", "Assign", "Output"),
        ["Parallel"] = Fields(TransitionFields, "Parameters", "Arguments", "ResultSelector", "ResultPath"),
        ["Map"] = Fields(TransitionFields, "ItemsPath", "Items", "ItemSelector", "Parameters", "ItemReader", "ItemBatcher",
            "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
            "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label", "ResultSelector", "ResultPath"),
        ["Task"] = Fields(TransitionFields, "Parameters", "Arguments", "ResultSelector", "ResultPath", "TimeoutSeconds",
            "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"),
    };

    private static HashSet<string> Fields(string[]? baseFields, params string[] own)
    {
        var set = new HashSet<string>(CommonFields, StringComparer.Ordinal);
        if (baseFields is not null) set.UnionWith(baseFields);
        set.UnionWith(own);
        return set;
    }

    private enum FieldKind
    {
        String,     // string property
        Path,       // string property; JSON null -> "= null"
        Json,       // JSON-text property
        Int,
        Double,
    }

    /// <summary>A state's fields in ASL output order (docs/design.md), except those written elsewhere.</summary>
    private static IEnumerable<(string Name, object? Value, FieldKind Kind)> OrderedFields(StateSpec s)
    {
        yield return ("Seconds", s.Seconds, FieldKind.Int);
        yield return ("SecondsPath", s.SecondsPath, FieldKind.String);
        yield return ("Timestamp", s.Timestamp, FieldKind.Path);
        yield return ("TimestampPath", s.TimestampPath, FieldKind.String);
        yield return ("Error", s.Error, FieldKind.String);
        yield return ("ErrorPath", s.ErrorPath, FieldKind.String);
        yield return ("Cause", s.Cause, FieldKind.String);
        yield return ("CausePath", s.CausePath, FieldKind.String);
        yield return ("ItemsPath", s.ItemsPath, FieldKind.String);
        yield return ("Items", s.Items, FieldKind.Json);
        yield return ("ItemReader", s.ItemReader, FieldKind.Json);
        yield return ("ItemSelector", s.ItemSelector, FieldKind.Json);
        yield return ("ItemBatcher", s.ItemBatcher, FieldKind.Json);
        yield return ("MaxConcurrency", s.MaxConcurrency, FieldKind.Int);
        yield return ("MaxConcurrencyPath", s.MaxConcurrencyPath, FieldKind.String);
        yield return ("ToleratedFailureCount", s.ToleratedFailureCount, FieldKind.Int);
        yield return ("ToleratedFailureCountPath", s.ToleratedFailureCountPath, FieldKind.String);
        yield return ("ToleratedFailurePercentage", s.ToleratedFailurePercentage, FieldKind.Double);
        yield return ("ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath, FieldKind.String);
        yield return ("Label", s.Label, FieldKind.String);
        yield return ("ResultWriter", s.ResultWriter, FieldKind.Json);
        yield return ("InputPath", s.InputPath, FieldKind.Path);
        yield return ("Parameters", s.Parameters, FieldKind.Json);
        yield return ("Arguments", s.Arguments, FieldKind.Json);
        yield return ("Result", s.Result, FieldKind.Json);
        yield return ("ResultSelector", s.ResultSelector, FieldKind.Json);
        yield return ("ResultPath", s.ResultPath, FieldKind.Path);
        yield return ("OutputPath", s.OutputPath, FieldKind.Path);
        yield return ("Output", s.Output, FieldKind.Json);
        yield return ("Assign", s.Assign, FieldKind.Json);
        yield return ("TimeoutSeconds", s.TimeoutSeconds, FieldKind.Int);
        yield return ("TimeoutSecondsPath", s.TimeoutSecondsPath, FieldKind.String);
        yield return ("HeartbeatSeconds", s.HeartbeatSeconds, FieldKind.Int);
        yield return ("HeartbeatSecondsPath", s.HeartbeatSecondsPath, FieldKind.String);
        yield return ("Credentials", s.Credentials, FieldKind.Json);
    }

    /// <summary>
    /// The attributes of one state class, in the order the parser reads them back: the state attribute,
    /// [StartAt] (Map), [Retry], [Catch], [When], then [AslField] for what the typed properties cannot hold
    /// (in ASL field order, which the round trip relies on).
    /// </summary>
    private List<CSharpAttribute> StateAttributes(ClassNode node)
    {
        var s = node.State!;
        var type = s.Type!;
        var supported = Supported[type];
        var scope = node.Owner!;
        var asl = new List<CSharpAttribute>();
        var whenAttributes = new List<CSharpAttribute>();

        var attribute = StateAttribute(node, s, type, asl, out var typed);
        AddChoicesAndScopes(node, s, type, supported, scope, attribute, asl, whenAttributes);
        AddOrderedFields(s, typed, supported, attribute, asl);
        if (type == StateTypes.Map) AddMapOptions(node, s, attribute);
        var (retryAttributes, catchAttributes) = RetryAndCatchAttributes(node, s, scope, asl);
        AddTransitionAndExtras(node, s, supported, scope, attribute, asl);

        var result = new List<CSharpAttribute> { attribute };
        if (type == StateTypes.Map && StartAtAttribute(node.Scope!, node) is { } startAt) result.Add(startAt);
        result.AddRange(retryAttributes);
        result.AddRange(catchAttributes);
        result.AddRange(whenAttributes);
        result.AddRange(asl);
        return result;
    }

    /// <summary>The state attribute itself ([Task], a typed integration, [Pass], ...) with its name, Comment, QueryLanguage.</summary>
    private CSharpAttribute StateAttribute(ClassNode node, StateSpec s, string type, List<CSharpAttribute> asl, out TypedTask? typed)
    {
        CSharpAttribute attribute;
        typed = null;
        if (type == StateTypes.Task)
        {
            typed = MatchIntegration(s);
            attribute = typed?.Attribute ?? new CSharpAttribute("Task").Positional(Str(s.Resource!));
        }
        else attribute = new CSharpAttribute(type);

        if (!string.Equals(node.ClassName, s.Name, StringComparison.Ordinal)) attribute.Named("Name", Str(s.Name));
        if (typed is not null)
        {
            foreach (var arg in typed.TypedArgs) attribute.Args.Add(arg);
        }

        if (s.Comment is not null) attribute.Named("Comment", Str(s.Comment));
        if (s.QueryLanguage is not null)
        {
            if (QueryLanguageCode(s.QueryLanguage) is { } code) attribute.Named("QueryLanguage", ArgValue.Code(code));
            else asl.Add(AslField("QueryLanguage", JsonValue.String(s.QueryLanguage)));
        }
        if (type != StateTypes.Task && s.Resource is not null) asl.Add(AslField("Resource", JsonValue.String(s.Resource)));
        return attribute;
    }

    /// <summary>Choice rules ([When], or the array as a field), Default, and branches/processors on state types that do not declare them.</summary>
    private void AddChoicesAndScopes(ClassNode node, StateSpec s, string type, HashSet<string> supported, ScopeModel scope,
        CSharpAttribute attribute, List<CSharpAttribute> asl, List<CSharpAttribute> whenAttributes)
    {
        // Choice rules: [When] on a Choice (WhyRaw made sure they can all be written) or, on any
        // other state, when they all can be; otherwise the array is kept as a field.
        if (s.Choices is { } choices)
        {
            var whens = type == StateTypes.Choice || choices.Count > 0 ? WhenAttributes(node, choices) : null;
            if (whens is not null) whenAttributes.AddRange(whens);
            else
            {
                asl.Add(AslField("Choices", ChoicesJson(choices)));
                if (choices.Count > 0)
                    _warnings.Add(new ImportWarning(Child(node.Pointer, "Choices"), "written as [AslField(\"Choices\", ...)] because a rule cannot be written as [When]"));
            }
        }
        if (s.Default is not null)
        {
            if (supported.Contains("Default")) AddTransition(attribute, "Default", s.Default, node, scope);
            else asl.Add(AslField("Default", JsonValue.String(s.Default)));
        }
        // Branches and processors of other state types (Parallel and Map declare them as nested classes).
        if (s.Branches is { } branches && type != StateTypes.Parallel)
            asl.Add(AslField("Branches", JsonValue.Array(branches.Select(AslWriter.ScopeToJson))));
        if (s.Processor is { } processor && type != StateTypes.Map)
            asl.Add(AslField(s.ProcessorIsIterator ? "Iterator" : "ItemProcessor", AslWriter.ScopeToJson(processor)));
    }

    /// <summary>The plain fields, as typed properties where the attribute has them, else [AslField].</summary>
    private static void AddOrderedFields(StateSpec s, TypedTask? typed, HashSet<string> supported, CSharpAttribute attribute, List<CSharpAttribute> asl)
    {
        foreach (var (name, value, kind) in OrderedFields(s))
        {
            if (value is null) continue;
            if (typed is not null && string.Equals(name, typed.PayloadField, StringComparison.Ordinal))
            {
                // What the typed properties did not take stays in Parameters/Arguments, appended by the parser.
                if (typed.RemainingPayload is { } remaining) attribute.Named(name, ArgValue.Json(remaining));
                continue;
            }
            if (supported.Contains(name) && TryFieldValue(value, kind, out var arg)) attribute.Named(name, arg);
            else asl.Add(AslField(name, FieldJson(value)));
        }
    }

    /// <summary>A Map's ProcessorConfig (Mode, ExecutionType) and the legacy Iterator form.</summary>
    private static void AddMapOptions(ClassNode node, StateSpec s, CSharpAttribute attribute)
    {
        var config = node.Scope!.Spec.ProcessorConfig;
        if (config is not null && TryReadProcessorConfig(config, out var mode, out var executionType))
        {
            if (mode is not null) attribute.Named("Mode", ArgValue.Code(mode == "INLINE" ? "ProcessorMode.Inline" : "ProcessorMode.Distributed"));
            if (executionType is not null) attribute.Named("ExecutionType", ArgValue.Code(executionType == "STANDARD" ? "WorkflowType.Standard" : "WorkflowType.Express"));
        }
        if (s.ProcessorIsIterator) attribute.Named("UseIterator", ArgValue.Code("true"));
    }

    /// <summary>[Retry] and [Catch] attributes, or the arrays as fields when one of them cannot be expressed.</summary>
    private (List<CSharpAttribute> Retry, List<CSharpAttribute> Catch) RetryAndCatchAttributes(ClassNode node, StateSpec s, ScopeModel scope, List<CSharpAttribute> asl)
    {
        var retryAttributes = new List<CSharpAttribute>();
        var catchAttributes = new List<CSharpAttribute>();
        if (s.Retry is { } retry)
        {
            var retriers = RetryAttributes(retry);
            if (retriers is not null && retry.Count > 0) retryAttributes.AddRange(retriers);
            else
            {
                asl.Add(AslField("Retry", JsonValue.Array(retry.Select(AslWriter.RetrierToJson))));
                if (retry.Count > 0)
                    _warnings.Add(new ImportWarning(Child(node.Pointer, "Retry"), "written as [AslField(\"Retry\", ...)] because a retrier has a field or value [Retry] cannot express"));
            }
        }
        if (s.Catch is { } catchers)
        {
            var catches = CatchAttributes(catchers, node, scope);
            if (catches is not null && catchers.Count > 0) catchAttributes.AddRange(catches);
            else
            {
                asl.Add(AslField("Catch", JsonValue.Array(catchers.Select(AslWriter.CatcherToJson))));
                if (catchers.Count > 0)
                    _warnings.Add(new ImportWarning(Child(node.Pointer, "Catch"), "written as [AslField(\"Catch\", ...)] because a catcher has a field or value [Catch] cannot express"));
            }
        }
        return (retryAttributes, catchAttributes);
    }

    /// <summary>Next and End (as properties where the state type has them), then the unknown fields, verbatim.</summary>
    private void AddTransitionAndExtras(ClassNode node, StateSpec s, HashSet<string> supported, ScopeModel scope, CSharpAttribute attribute, List<CSharpAttribute> asl)
    {
        if (s.Next is not null)
        {
            if (supported.Contains("Next")) AddTransition(attribute, "Next", s.Next, node, scope);
            else asl.Add(AslField("Next", JsonValue.String(s.Next)));
        }
        if (s.End is { } end)
        {
            if (supported.Contains("End")) attribute.Named("End", ArgValue.Code(CSharpLiterals.Bool(end)));
            else asl.Add(AslField("End", JsonValue.Boolean(end)));
        }
        foreach (var extra in s.Extras) asl.Add(AslField(extra.Name, extra.Value));
    }

    private static bool TryFieldValue(object value, FieldKind kind, out ArgValue arg)
    {
        arg = null!;
        switch (kind)
        {
            case FieldKind.String:
                arg = Str((string)value);
                return true;
            case FieldKind.Path:
                var path = (JsonValue)value;
                if (path.IsString) arg = Str(path.Text!);
                else if (path.IsNull) arg = ArgValue.Code("null");
                else return false;
                return true;
            case FieldKind.Json:
                arg = ArgValue.Json((JsonValue)value);
                return true;
            case FieldKind.Int:
                if (!JsonNumbers.TryGetExactInt32((JsonValue)value, out var i)) return false;
                arg = ArgValue.Code(CSharpLiterals.Int(i));
                return true;
            case FieldKind.Double:
                if (!JsonNumbers.TryGetExactDouble((JsonValue)value, out var d)) return false;
                arg = ArgValue.Code(CSharpLiterals.Double(d));
                return true;
        }
        return false;
    }

    private static JsonValue FieldJson(object value) => value switch
    {
        JsonValue json => json,
        string s => JsonValue.String(s),
        bool b => JsonValue.Boolean(b),
        _ => throw new InvalidOperationException("unexpected field value " + value.GetType().Name),
    };

    // ---- Retry and Catch ------------------------------------------------------------------------

    private static readonly Dictionary<string, string> ErrorConstants = new(StringComparer.Ordinal)
    {
        ["States.ALL"] = "StatesErrors.All",
        ["States.Timeout"] = "StatesErrors.Timeout",
        ["States.TaskFailed"] = "StatesErrors.TaskFailed",
        ["States.Permissions"] = "StatesErrors.Permissions",
        ["States.HeartbeatTimeout"] = "StatesErrors.HeartbeatTimeout",
        ["States.DataLimitExceeded"] = "StatesErrors.DataLimitExceeded",
        ["States.Runtime"] = "StatesErrors.Runtime",
        ["States.BranchFailed"] = "StatesErrors.BranchFailed",
        ["States.NoChoiceMatched"] = "StatesErrors.NoChoiceMatched",
        ["States.IntrinsicFailure"] = "StatesErrors.IntrinsicFailure",
        ["States.ParameterPathFailure"] = "StatesErrors.ParameterPathFailure",
        ["States.ResultPathMatchFailure"] = "StatesErrors.ResultPathMatchFailure",
        ["States.ExceedToleratedFailureThreshold"] = "StatesErrors.ExceedToleratedFailureThreshold",
        ["States.ItemReaderFailed"] = "StatesErrors.ItemReaderFailed",
        ["States.ResultWriterFailed"] = "StatesErrors.ResultWriterFailed",
        ["States.QueryEvaluationError"] = "StatesErrors.QueryEvaluationError",
        ["Lambda.ServiceException"] = "LambdaErrors.ServiceException",
        ["Lambda.AWSLambdaException"] = "LambdaErrors.AwsLambdaException",
        ["Lambda.SdkClientException"] = "LambdaErrors.SdkClientException",
        ["Lambda.TooManyRequestsException"] = "LambdaErrors.TooManyRequestsException",
    };

    /// <summary>The constant for a well-known error name (what a person would write), else the string.</summary>
    private static ArgValue Error(string error)
        => ErrorConstants.TryGetValue(error, out var constant) ? ArgValue.Code(constant) : Str(error);

    /// <summary>[Retry] per retrier, or null when one of them cannot be written that way.</summary>
    private static List<CSharpAttribute>? RetryAttributes(EquatableArray<RetrySpec> retriers)
    {
        var list = new List<CSharpAttribute>();
        foreach (var r in retriers)
        {
            if (r.ErrorEquals is not { } errors || !r.Extras.IsEmpty) return null;
            var a = new CSharpAttribute("Retry");
            foreach (var e in errors) a.Positional(Error(e));
            if (!Number(a, "IntervalSeconds", r.IntervalSeconds, FieldKind.Int)) return null;
            if (!Number(a, "MaxAttempts", r.MaxAttempts, FieldKind.Int)) return null;
            if (!Number(a, "BackoffRate", r.BackoffRate, FieldKind.Double)) return null;
            if (!Number(a, "MaxDelaySeconds", r.MaxDelaySeconds, FieldKind.Int)) return null;
            if (r.JitterStrategy is { } jitter)
            {
                if (jitter == "FULL") a.Named("JitterStrategy", ArgValue.Code("JitterStrategy.Full"));
                else if (jitter == "NONE") a.Named("JitterStrategy", ArgValue.Code("JitterStrategy.None"));
                else return null;
            }
            if (r.Comment is not null) a.Named("Comment", Str(r.Comment));
            list.Add(a);
        }
        return list;
    }

    private static bool Number(CSharpAttribute a, string property, JsonValue? value, FieldKind kind)
    {
        if (value is null) return true;
        if (!TryFieldValue(value, kind, out var arg)) return false;
        a.Named(property, arg);
        return true;
    }

    /// <summary>[Catch] per catcher, or null when one of them cannot be written that way.</summary>
    private List<CSharpAttribute>? CatchAttributes(EquatableArray<CatchSpec> catchers, ClassNode node, ScopeModel scope)
    {
        var list = new List<CSharpAttribute>();
        foreach (var c in catchers)
        {
            if (c.ErrorEquals is not { } errors || !c.Extras.IsEmpty) return null;
            var a = new CSharpAttribute("Catch");
            string? nextName = null;
            if (c.Next is not null)
            {
                var (typeOf, name) = Target(c.Next, node, scope);
                if (typeOf is not null) a.Positional(ArgValue.Code(typeOf));
                else nextName = name;
            }
            foreach (var e in errors) a.Positional(Error(e));
            if (nextName is not null) a.Named("NextName", Str(nextName));
            if (c.ResultPath is { } resultPath)
            {
                if (!TryFieldValue(resultPath, FieldKind.Path, out var arg)) return null;
                a.Named("ResultPath", arg);
            }
            if (c.Output is not null) a.Named("Output", ArgValue.Json(c.Output));
            if (c.Assign is not null) a.Named("Assign", ArgValue.Json(c.Assign));
            if (c.Comment is not null) a.Named("Comment", Str(c.Comment));
            list.Add(a);
        }
        return list;
    }

    // ---- Choice rules ---------------------------------------------------------------------------

    private static JsonValue ChoicesJson(EquatableArray<ChoiceRuleSpec> choices) => JsonValue.Array(choices.Select(AslWriter.RuleToJson));

    /// <summary>[When] per rule, or null when one cannot be written that way.</summary>
    private List<CSharpAttribute>? WhenAttributes(ClassNode node, EquatableArray<ChoiceRuleSpec> rules)
    {
        var list = new List<CSharpAttribute>();
        foreach (var rule in rules)
        {
            if (WhyRuleNotWritable(rule) is not null || !TryPrintCondition(rule, out var condition, out _)) return null;
            var a = new CSharpAttribute("When").Positional(Str(condition));
            if (rule.Next is not null) AddTransition(a, "Next", rule.Next, node, node.Owner!);
            if (rule.Comment is not null) a.Named("Comment", Str(rule.Comment));
            if (rule.Assign is not null) a.Named("Assign", ArgValue.Json(rule.Assign));
            if (rule.Output is not null) a.Named("Output", ArgValue.Json(rule.Output));
            list.Add(a);
        }
        return list;
    }

    /// <summary>Why a top-level Choice rule has no [When] form, or null.</summary>
    private static string? WhyRuleNotWritable(ChoiceRuleSpec rule)
    {
        if (!rule.Extras.IsEmpty) return $"has the field '{rule.Extras[0].Name}' that [When] cannot carry";
        return TryPrintCondition(rule, out _, out var whyNot) ? null : whyNot;
    }

    /// <summary>
    /// The rule's condition in Flowstate's syntax, checked by parsing it back: the text must give a
    /// rule whose ASL is equivalent to the original (so an imperfect printer can never change a
    /// definition silently; the state is then written as [RawState]).
    /// </summary>
    private static bool TryPrintCondition(ChoiceRuleSpec rule, out string text, out string whyNot)
    {
        text = "";
        whyNot = "";
        try
        {
            if (!ConditionPrinter.TryPrint(rule, out text, out var reason))
            {
                whyNot = "cannot be written as a [When] condition: " + (reason ?? "unsupported");
                return false;
            }
            var parsed = ConditionParser.Parse(text);
            if (parsed.Rule is null)
            {
                whyNot = $"was printed as the condition \"{text}\", which does not parse back ({parsed.Error})";
                return false;
            }
            var bare = rule with { Next = null, Comment = null, Assign = null, Output = null };
            var expected = AslWriter.RuleToJson(bare);
            var actual = AslWriter.RuleToJson(parsed.Rule with { Next = null, Comment = null, Assign = null, Output = null });
            if (!JsonEquivalence.AreEquivalent(expected, actual))
            {
                whyNot = $"was printed as the condition \"{text}\", which parses back to a different rule";
                return false;
            }
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The condition printer is a separate component; a failure there must not lose the state.
            whyNot = "could not be printed as a condition (" + e.GetType().Name + ")";
            return false;
        }
    }
}
