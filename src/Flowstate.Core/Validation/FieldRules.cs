using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;

using Flowstate.Core.Syntax;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>
/// FLOW4xxx: state types, which fields each type accepts, unknown and mistyped fields, timeouts,
/// static-versus-Path pairs, Wait durations, Map and Parallel specifics, machine-level fields.
/// </summary>
internal static class FieldRules
{
    public static void Run(ValidationContext ctx)
    {
        CheckMachine(ctx);
        foreach (var scope in ctx.Scopes)
            if (scope.Kind != ScopeRole.Root) CheckScopeExtras(ctx, scope);
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            CheckState(ctx, state);
        }
    }

    /// <summary>What a field must hold, for FLOW4005 messages.</summary>
    internal static string ExpectedType(string field) => field switch
    {
        "End" => "a boolean (true)",
        "InputPath" or "OutputPath" or "ResultPath" => "a path string or null",
        "Parameters" or "ResultSelector" or "ItemSelector" or "Credentials" or "Assign" or "ItemReader" or "ItemBatcher"
            or "ResultWriter" or "ProcessorConfig" or "ItemProcessor" or "Iterator" or "States" or "Not" => "an object",
        "ErrorEquals" => "an array of strings",
        "Retry" or "Catch" or "Choices" or "Branches" or "And" or "Or" => "an array of objects",
        "TimeoutSeconds" or "HeartbeatSeconds" or "Seconds" or "MaxConcurrency" or "ToleratedFailureCount" or "IntervalSeconds"
            or "MaxAttempts" or "MaxDelaySeconds" => "an integer (or a {% %} expression in a JSONata state)",
        "ToleratedFailurePercentage" or "BackoffRate" => "a number",
        _ => "a string",
    };

    /// <summary>
    /// What a mistyped value is, for FLOW4005: its JSON type, or for an array whose elements have the
    /// wrong type, which element and what it is ("an array whose element 1 is a boolean"), so that the
    /// message never reads "set to an array; it must be an array".
    /// </summary>
    internal static string DescribeWrongType(string field, JsonValue value)
    {
        if (!value.IsArray) return KindName(value);
        var wantsStrings = field == "ErrorEquals";
        var wantsObjects = field is "Retry" or "Catch" or "Choices" or "Branches" or "And" or "Or";
        if (!wantsStrings && !wantsObjects) return KindName(value);
        for (var i = 0; i < value.Items.Count; i++)
        {
            var item = value.Items[i];
            if (wantsStrings ? item.IsString : item.IsObject) continue;
            return $"an array whose element {Ordinal(i)} is {KindName(item)}";
        }
        return KindName(value);
    }

    /// <summary>True when <paramref name="value"/> has the JSON type the ASL reader accepts for <paramref name="field"/>.</summary>
    internal static bool HasExpectedType(string field, JsonValue value) => field switch
    {
        "End" => value.IsBoolean,
        "InputPath" or "OutputPath" or "ResultPath" => value.IsString || value.IsNull,
        "Parameters" or "ResultSelector" or "ItemSelector" or "Credentials" or "Assign" or "ItemReader" or "ItemBatcher"
            or "ResultWriter" or "ProcessorConfig" or "Arguments" or "Output" or "Result" or "Items" => true,
        "ItemProcessor" or "Iterator" or "States" or "Not" => value.IsObject,
        "Retry" or "Catch" or "Choices" or "Branches" or "And" or "Or" => value.IsArray && value.Items.All(i => i.IsObject),
        "ErrorEquals" => value.IsArray && value.Items.All(i => i.IsString),
        "TimeoutSeconds" or "HeartbeatSeconds" or "Seconds" or "MaxConcurrency" or "ToleratedFailureCount" or "IntervalSeconds"
            or "MaxAttempts" or "MaxDelaySeconds" or "ToleratedFailurePercentage" or "BackoffRate" => value.IsNumber || value.IsString,
        "Condition" => value.IsString || value.IsBoolean,
        _ => value.IsString,
    };

    private static readonly HashSet<string> OperatorNames = new(AslFacts.ChoiceOperators.Keys, StringComparer.Ordinal);

    /// <summary>Reports Extras: a known field with a wrong JSON type (FLOW4005) or an unknown field (FLOW4004).</summary>
    internal static void CheckExtras(ValidationContext ctx, EquatableArray<ExtraField> extras, HashSet<string> allowed, string element,
        Func<string, SourceRef> locate, HashSet<string>? knownElsewhere = null, Action<ExtraField>? notAllowed = null, Func<ExtraField, bool>? skip = null,
        EquatableArray<FieldLocation>? fieldLocations = null, Func<string, bool>? typedPresent = null)
    {
        foreach (var extra in extras)
        {
            if (skip is not null && skip(extra)) continue;
            var location = locate(extra.Name);
            if (allowed.Contains(extra.Name) && ((fieldLocations is { } fl && CountField(fl, extra.Name) > 1) || (typedPresent is not null && typedPresent(extra.Name))))
            {
                ctx.Report(Rules.DuplicateField, LastLocation(fieldLocations, extra.Name, location), element, extra.Name);
            }
            else if (allowed.Contains(extra.Name) && HasExpectedType(extra.Name, extra.Value))
            {
                // Only C# makes this: [AslField("Comment", "\"text\"")] writes a field the attribute also
                // has a property for, with a value of the right type. That is valid ASL; nothing to say.
            }
            else if (allowed.Contains(extra.Name))
            {
                ctx.Report(Rules.FieldWrongType, location, element, extra.Name, DescribeWrongType(extra.Name, extra.Value), ExpectedType(extra.Name));
            }
            else if (knownElsewhere is not null && knownElsewhere.Contains(extra.Name) && notAllowed is not null)
            {
                notAllowed(extra);
            }
            else
            {
                var suggestion = GraphRules.Suggest(extra.Name, allowed);
                ctx.Report(Rules.UnknownField, location, element, extra.Name, suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
            }
        }
    }

    private static int CountField(EquatableArray<FieldLocation> locations, string field)
    {
        var n = 0;
        foreach (var l in locations)
            if (string.Equals(l.Field, field, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>The second occurrence of a duplicated field is the one to point at.</summary>
    private static SourceRef LastLocation(EquatableArray<FieldLocation>? locations, string field, SourceRef fallback)
    {
        var result = fallback;
        if (locations is { } ls)
            foreach (var l in ls)
                if (string.Equals(l.Field, field, StringComparison.Ordinal) && l.Location.IsKnown) result = l.Location;
        return result;
    }

    private static void CheckMachine(ValidationContext ctx)
    {
        var m = ctx.Machine;
        CheckExtras(ctx, m.Extras, AslFacts.MachineFields, "The state machine", f => ctx.AtMachine(f), fieldLocations: m.FieldLocations);
        // StartAt/States live on the root scope; extras there belong to the machine object as well.
        CheckExtras(ctx, m.Root.Extras, AslFacts.MachineFields, "The state machine", f => First(At(m.Root, f), ctx.AtMachine(f)));
        if (m.TimeoutSeconds is { } timeout && !IsJsonataString(timeout, ctx.MachineQueryLanguage == AslFacts.Jsonata)
            && !(timeout.TryGetInt64(out var t) && t >= 1 && t <= 99999999))
            ctx.Report(Rules.MachineTimeoutInvalid, ctx.AtMachine("TimeoutSeconds"), Describe(timeout));
        if (m.Version is { } version && version != "1.0")
            ctx.Report(Rules.VersionInvalid, ctx.AtMachine("Version"), JsonWriter.Quote(version));
        if (m.QueryLanguage is { } ql && ql != AslFacts.JsonPath && ql != AslFacts.Jsonata)
            ctx.Report(Rules.QueryLanguageInvalid, ctx.AtMachine("QueryLanguage"), "the state machine", JsonWriter.Quote(ql) + SuggestQueryLanguage(ql));
    }

    private static string SuggestQueryLanguage(string ql)
        => string.Equals(ql, "JSONPath", StringComparison.OrdinalIgnoreCase) ? " (the name is case-sensitive: \"JSONPath\")"
            : string.Equals(ql, "JSONata", StringComparison.OrdinalIgnoreCase) ? " (the name is case-sensitive: \"JSONata\")" : "";

    private static void CheckScopeExtras(ValidationContext ctx, ScopeInfo scope)
    {
        var allowed = scope.Kind == ScopeRole.Processor ? AslFacts.ProcessorFields : AslFacts.BranchFields;
        CheckExtras(ctx, scope.Spec.Extras, allowed, scope.DescribeCapitalized(), f => ctx.At(scope, f), fieldLocations: scope.Spec.FieldLocations);
        if (scope.Kind == ScopeRole.Branch && scope.Spec.ProcessorConfig is not null)
            ctx.Report(Rules.UnknownField, ctx.At(scope, "ProcessorConfig"), scope.DescribeCapitalized(), "ProcessorConfig", " in a Parallel branch (only a Map's ItemProcessor has one)");
    }

    internal static bool IsJsonataString(JsonValue value, bool jsonataState)
        => jsonataState && value.IsString && PathRules.LooksLikeJsonata(value.Text!);

    /// <summary>The typed fields a state has, by ASL name.</summary>
    internal static IEnumerable<string> PresentFields(StateSpec s)
    {
        if (s.Comment is not null) yield return "Comment";
        if (s.QueryLanguage is not null) yield return "QueryLanguage";
        if (s.Resource is not null) yield return "Resource";
        if (s.Choices is not null) yield return "Choices";
        if (s.Default is not null) yield return "Default";
        if (s.Seconds is not null) yield return "Seconds";
        if (s.SecondsPath is not null) yield return "SecondsPath";
        if (s.Timestamp is not null) yield return "Timestamp";
        if (s.TimestampPath is not null) yield return "TimestampPath";
        if (s.Error is not null) yield return "Error";
        if (s.ErrorPath is not null) yield return "ErrorPath";
        if (s.Cause is not null) yield return "Cause";
        if (s.CausePath is not null) yield return "CausePath";
        if (s.Branches is not null) yield return "Branches";
        if (s.ItemsPath is not null) yield return "ItemsPath";
        if (s.Items is not null) yield return "Items";
        if (s.ItemReader is not null) yield return "ItemReader";
        if (s.ItemSelector is not null) yield return "ItemSelector";
        if (s.ItemBatcher is not null) yield return "ItemBatcher";
        if (s.MaxConcurrency is not null) yield return "MaxConcurrency";
        if (s.MaxConcurrencyPath is not null) yield return "MaxConcurrencyPath";
        if (s.ToleratedFailureCount is not null) yield return "ToleratedFailureCount";
        if (s.ToleratedFailureCountPath is not null) yield return "ToleratedFailureCountPath";
        if (s.ToleratedFailurePercentage is not null) yield return "ToleratedFailurePercentage";
        if (s.ToleratedFailurePercentagePath is not null) yield return "ToleratedFailurePercentagePath";
        if (s.Label is not null) yield return "Label";
        if (s.Processor is not null) yield return s.ProcessorIsIterator ? "Iterator" : "ItemProcessor";
        if (s.ResultWriter is not null) yield return "ResultWriter";
        if (s.InputPath is not null) yield return "InputPath";
        if (s.Parameters is not null) yield return "Parameters";
        if (s.Arguments is not null) yield return "Arguments";
        if (s.Result is not null) yield return "Result";
        if (s.ResultSelector is not null) yield return "ResultSelector";
        if (s.ResultPath is not null) yield return "ResultPath";
        if (s.OutputPath is not null) yield return "OutputPath";
        if (s.Output is not null) yield return "Output";
        if (s.Assign is not null) yield return "Assign";
        if (s.TimeoutSeconds is not null) yield return "TimeoutSeconds";
        if (s.TimeoutSecondsPath is not null) yield return "TimeoutSecondsPath";
        if (s.HeartbeatSeconds is not null) yield return "HeartbeatSeconds";
        if (s.HeartbeatSecondsPath is not null) yield return "HeartbeatSecondsPath";
        if (s.Credentials is not null) yield return "Credentials";
        if (s.Retry is not null) yield return "Retry";
        if (s.Catch is not null) yield return "Catch";
        if (s.Next is not null) yield return "Next";
        if (s.End is not null) yield return "End";
    }

    private static string NotAllowedHint(string type, string field) => field switch
    {
        "Resource" or "TimeoutSeconds" or "TimeoutSecondsPath" or "HeartbeatSeconds" or "HeartbeatSecondsPath" or "Credentials" => " (only Task states have it)",
        "Retry" or "Catch" => " (only Task, Parallel and Map states retry and catch errors)",
        "ResultSelector" => " (only Task, Parallel and Map states have a result to select from)",
        "Parameters" when type is StateTypes.Choice or StateTypes.Wait or StateTypes.Succeed or StateTypes.Fail => " (only Pass, Task, Parallel and Map states take Parameters)",
        "Arguments" when type == StateTypes.Map => " (a Map's per-item input is ItemSelector)",
        "Arguments" => " (only Task and Parallel states take Arguments)",
        "Next" or "End" when type == StateTypes.Choice => "",
        "InputPath" or "OutputPath" when type == StateTypes.Fail => " (a Fail state has no input or output processing)",
        "Assign" when type is StateTypes.Succeed or StateTypes.Fail => " (Succeed and Fail states cannot assign variables)",
        _ => "",
    };

    // (Separate methods: a lambda over 's' in CheckState itself would allocate its closure for every state.)
    private static void CheckAnyStateExtras(ValidationContext ctx, StateSpec s)
        => CheckExtras(ctx, s.Extras, AslFacts.AllStateFields, $"State '{s.Name}'", f => At(s, f));

    private static void CheckStateExtras(ValidationContext ctx, StateSpec s, string type, HashSet<string> allowed)
    {
        var present = new HashSet<string>(PresentFields(s), StringComparer.Ordinal);
        present.Add("Type");
        CheckExtras(ctx, s.Extras, allowed, $"{type} state '{s.Name}'", f => At(s, f), AslFacts.AllStateFields,
            extra =>
            {
                if (extra.Name is "Next" or "End" && type is StateTypes.Choice or StateTypes.Succeed or StateTypes.Fail)
                {
                    ctx.Report(type == StateTypes.Choice ? Rules.ChoiceWithNextOrEnd : Rules.TerminalStateWithTransition, At(s, extra.Name),
                        type == StateTypes.Choice ? new[] { s.Name, extra.Name } : new[] { s.Name, type, extra.Name });
                    return;
                }
                ctx.Report(Rules.FieldNotAllowed, At(s, extra.Name), type, s.Name, extra.Name, NotAllowedHint(type, extra.Name));
            },
            skip: extra => type == StateTypes.Map && extra.Name is "ItemProcessor" or "Iterator" && s.Processor is not null && extra.Value.IsObject
                && CountField(s.FieldLocations, extra.Name) < 2 && !(s.ProcessorIsIterator ? extra.Name == "Iterator" : extra.Name == "ItemProcessor"),
            fieldLocations: s.FieldLocations, typedPresent: present.Contains);
    }

    private static void CheckState(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        if (s.Raw is { } raw)
        {
            var hint = AslFacts.MachineFields.Contains(s.Name) && s.Name is not ("States" or "StartAt")
                ? $"; '{s.Name}' is a field of the state machine, so move it out of States to the top level"
                : "";
            ctx.Report(Rules.StateNotAnObject, s.Location, s.Name, KindName(raw), hint);
            return;
        }
        if (s.QueryLanguage is { } ql && ql != AslFacts.JsonPath && ql != AslFacts.Jsonata)
            ctx.Report(Rules.QueryLanguageInvalid, At(s, "QueryLanguage"), state.Label, JsonWriter.Quote(ql) + SuggestQueryLanguage(ql));

        if (s.Type is null || Array.IndexOf(AslFacts.StateTypes, s.Type) < 0)
        {
            if (s.Type is null && GraphRules.FindExtra(s.Extras, "Type") is not null)
            {
                // A Type of the wrong JSON type: reported below as FLOW4005.
            }
            else
            {
                var suggestion = s.Type is null ? null : GraphRules.Suggest(s.Type, AslFacts.StateTypes);
                ctx.Report(Rules.InvalidStateType, At(s, "Type"), s.Name, s.Type is null ? "no Type" : "Type " + JsonWriter.Quote(s.Type),
                    suggestion is null ? "" : $"; did you mean \"{suggestion}\"?");
            }
            CheckAnyStateExtras(ctx, s);
            return;
        }

        var type = s.Type;
        var allowed = AslFacts.StateFields[type];
        foreach (var field in PresentFields(s))
        {
            if (allowed.Contains(field)) continue;
            // Next/End on Choice, Succeed and Fail are graph errors (FLOW1012/FLOW1014).
            if (field is "Next" or "End" && type is StateTypes.Choice or StateTypes.Succeed or StateTypes.Fail) continue;
            ctx.Report(Rules.FieldNotAllowed, At(s, field), type, s.Name, field, NotAllowedHint(type, field));
        }
        // Fields without a typed property (rare): only then the set of typed fields, the label and the callbacks are made.
        if (s.Extras.Count > 0) CheckStateExtras(ctx, s, type, allowed);

        switch (type)
        {
            case StateTypes.Task: CheckTask(ctx, state); break;
            case StateTypes.Wait: CheckWait(ctx, state); break;
            case StateTypes.Fail:
                StaticAndPath(ctx, state, "Error", s.Error is not null, "ErrorPath", s.ErrorPath is not null);
                StaticAndPath(ctx, state, "Cause", s.Cause is not null, "CausePath", s.CausePath is not null);
                break;
            case StateTypes.Parallel:
                if ((s.Branches is null || s.Branches.Value.Count == 0) && GraphRules.FindExtra(s.Extras, "Branches") is null)
                    ctx.Report(Rules.ParallelWithoutBranches, First(Find(s.FieldLocations, "Branches"), s.Location), s.Name,
                        s.Branches is null ? "no Branches" : "an empty Branches array");
                break;
            case StateTypes.Map: CheckMap(ctx, state); break;
        }
    }

    private static void StaticAndPath(ValidationContext ctx, StateInfo state, string a, bool hasA, string b, bool hasB)
    {
        if (hasA && hasB) ctx.Report(Rules.StaticAndPathTogether, At(state.Spec, b), state.Type!, state.Name, a, b);
    }

    private static void CheckTask(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        if (s.Resource is null && GraphRules.FindExtra(s.Extras, "Resource") is null)
            ctx.Report(Rules.TaskWithoutResource, First(Find(s.FieldLocations, "Type"), s.Location), s.Name);
        StaticAndPath(ctx, state, "TimeoutSeconds", s.TimeoutSeconds is not null, "TimeoutSecondsPath", s.TimeoutSecondsPath is not null);
        StaticAndPath(ctx, state, "HeartbeatSeconds", s.HeartbeatSeconds is not null, "HeartbeatSecondsPath", s.HeartbeatSecondsPath is not null);
        if (s.Credentials is { } credentials && !credentials.IsObject && !IsJsonataString(credentials, state.IsJsonata))
            ctx.Report(Rules.FieldWrongType, At(s, "Credentials"), $"Task state '{s.Name}'", "Credentials", KindName(credentials),
                "an object such as { \"RoleArn\": \"arn:aws:iam::123456789012:role/name\" }");
        var timeout = CheckPositive(ctx, state, "TimeoutSeconds", s.TimeoutSeconds);
        var heartbeat = CheckPositive(ctx, state, "HeartbeatSeconds", s.HeartbeatSeconds);
        if (timeout is { } t && heartbeat is { } h && h >= t)
            ctx.Report(Rules.HeartbeatNotBelowTimeout, At(s, "HeartbeatSeconds"), s.Name,
                h.ToString(System.Globalization.CultureInfo.InvariantCulture), t.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long? CheckPositive(ValidationContext ctx, StateInfo state, string field, JsonValue? value)
    {
        if (value is null) return null;
        if (IsJsonataString(value, state.IsJsonata)) return null;
        if (value.TryGetInt64(out var v) && v >= 1 && v <= 99999999) return v;
        var hint = value.IsString && value.Text!.StartsWith("$", StringComparison.Ordinal) && !state.IsJsonata
            ? $"; to read it from the input, use {field}Path"
            : state.IsJsonata ? ", or a {% %} expression" : "";
        ctx.Report(Rules.InvalidTimeout, At(state.Spec, field), field, state.Name, Describe(value), hint);
        return null;
    }

    private static void CheckWait(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        var present = new List<string>(4);
        if (s.Seconds is not null) present.Add("Seconds");
        if (s.Timestamp is not null) present.Add("Timestamp");
        if (s.SecondsPath is not null) present.Add("SecondsPath");
        if (s.TimestampPath is not null) present.Add("TimestampPath");
        var mistyped = s.Extras.Any(e => e.Name is "Seconds" or "Timestamp" or "SecondsPath" or "TimestampPath");
        if (present.Count == 0 && !mistyped)
            ctx.Report(Rules.WaitDuration, First(Find(s.FieldLocations, "Type"), s.Location), s.Name, "none of them");
        else if (present.Count > 1)
            ctx.Report(Rules.WaitDuration, At(s, present[1]), s.Name,
                "both " + string.Join(", ", present.Take(present.Count - 1)) + " and " + present[present.Count - 1]);

        if (s.Seconds is { } seconds && !IsJsonataString(seconds, state.IsJsonata)
            && !(seconds.TryGetInt64(out var n) && n >= 0 && n <= 99999999))
            ctx.Report(Rules.WaitSecondsInvalid, At(s, "Seconds"), s.Name, Describe(seconds));
        if (s.Timestamp is { } ts && !IsJsonataString(ts, state.IsJsonata) && !(ts.IsString && Rfc3339.IsValid(ts.Text!)))
            ctx.Report(Rules.InvalidTimestamp, At(s, "Timestamp"), "Timestamp", "Wait " + state.Label, ts.IsString ? ts.Text! : ts.ToString());
    }

    private static void CheckMap(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        var secondProcessor = s.Extras.FirstOrDefault(e => e.Name is "ItemProcessor" or "Iterator" && e.Value.IsObject);
        if (s.Processor is null && secondProcessor is null && !s.Extras.Any(e => e.Name is "ItemProcessor" or "Iterator"))
            ctx.Report(Rules.MapProcessor, First(Find(s.FieldLocations, "Type"), s.Location), s.Name, "has neither ItemProcessor nor Iterator");
        else if (s.Processor is not null && secondProcessor is not null)
            ctx.Report(Rules.MapProcessor, At(s, secondProcessor.Name), s.Name, "has both ItemProcessor and Iterator");

        if (s.ItemSelector is not null && s.Parameters is not null)
            ctx.Report(Rules.MapSelectorConflict, At(s, "Parameters"), s.Name);
        if (s.ItemsPath is not null && s.ItemReader is not null)
            ctx.Report(Rules.MapItemSourceConflict, At(s, "ItemsPath"), s.Name, "ItemsPath", "ItemReader",
                "a Map reads its items either from its input (ItemsPath) or from ItemReader, so remove ItemsPath");
        if (s.Items is not null && s.ItemReader is not null)
            ctx.Report(Rules.MapItemSourceConflict, At(s, "Items"), s.Name, "Items", "ItemReader",
                "a Map takes its items either from Items or from ItemReader, so remove Items");
        if (s.Items is not null && s.ItemsPath is not null)
            ctx.Report(Rules.MapItemSourceConflict, At(s, "Items"), s.Name, "Items", "ItemsPath",
                "Items is the JSONata form of ItemsPath, so keep the one that matches the state's QueryLanguage");

        StaticAndPath(ctx, state, "MaxConcurrency", s.MaxConcurrency is not null, "MaxConcurrencyPath", s.MaxConcurrencyPath is not null);
        StaticAndPath(ctx, state, "ToleratedFailureCount", s.ToleratedFailureCount is not null, "ToleratedFailureCountPath", s.ToleratedFailureCountPath is not null);
        StaticAndPath(ctx, state, "ToleratedFailurePercentage", s.ToleratedFailurePercentage is not null, "ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath is not null);

        CheckMapNumber(ctx, state, "MaxConcurrency", s.MaxConcurrency, integer: true, max: null, "an integer greater than or equal to 0 (0 means no limit)");
        CheckMapNumber(ctx, state, "ToleratedFailureCount", s.ToleratedFailureCount, integer: true, max: null, "an integer greater than or equal to 0");
        CheckMapNumber(ctx, state, "ToleratedFailurePercentage", s.ToleratedFailurePercentage, integer: false, max: 100, "a number from 0 to 100");

        CheckExclusiveConfig(ctx, state);
        CheckWriterConfig(ctx, state);

        if (s.Label is { } label)
        {
            string? problem = null;
            var length = CharacterCount(label);
            if (length == 0) problem = "is empty";
            else if (length > 40) problem = $"has {length} characters";
            else
            {
                foreach (var c in label)
                {
                    if (char.IsWhiteSpace(c)) { problem = "contains whitespace"; break; }
                    if (AslFacts.IsControl(c)) { problem = "contains a control character"; break; }
                    if (AslFacts.ForbiddenNameCharacters.IndexOf(c) >= 0) { problem = $"contains '{c}'"; break; }
                }
            }
            if (problem is not null) ctx.Report(Rules.MapLabelInvalid, At(s, "Label"), s.Name, label, problem);
        }

        // ProcessorConfig: Mode and ExecutionType.
        var config = s.Processor?.ProcessorConfig;
        var mode = "INLINE";
        if (config is not null && s.Processor is { } processor)
        {
            var where = First(At(processor, "ProcessorConfig"), At(s, s.ProcessorIsIterator ? "Iterator" : "ItemProcessor"));
            if (!config.IsObject)
                ctx.Report(Rules.ProcessorConfigInvalid, where, s.Name, $"is {KindName(config)}; it must be an object such as {{ \"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\" }}");
            else
            {
                var modeValue = config["Mode"];
                var execution = config["ExecutionType"];
                if (modeValue is not null && !(modeValue.IsString && modeValue.Text is "INLINE" or "DISTRIBUTED"))
                    ctx.Report(Rules.ProcessorConfigInvalid, where, s.Name, $"has Mode {Describe(modeValue)}; it must be \"INLINE\" or \"DISTRIBUTED\"");
                else if (modeValue is not null) mode = modeValue.Text!;
                if (execution is not null && !(execution.IsString && execution.Text is "STANDARD" or "EXPRESS"))
                    ctx.Report(Rules.ProcessorConfigInvalid, where, s.Name, $"has ExecutionType {Describe(execution)}; it must be \"STANDARD\" or \"EXPRESS\"");
                if (mode == "DISTRIBUTED" && execution is null)
                    ctx.Report(Rules.ProcessorConfigInvalid, where, s.Name, "has Mode DISTRIBUTED but no ExecutionType; set ExecutionType to \"STANDARD\" or \"EXPRESS\" (the type of the child workflow executions)");
                foreach (var p in config.Properties)
                    if (p.Name is not ("Mode" or "ExecutionType"))
                        ctx.Report(Rules.ProcessorConfigInvalid, where, s.Name, $"has the field '{p.Name}', which is not part of ProcessorConfig; it accepts only Mode and ExecutionType");
            }
        }
        if (mode != "DISTRIBUTED")
        {
            foreach (var field in new[] { "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount", "ToleratedFailureCountPath",
                         "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label" })
            {
                if (PresentFields(s).Contains(field))
                    ctx.Report(Rules.DistributedOnlyField, At(s, field), s.Name, field);
            }
        }
    }

    /// <summary>
    /// The static/Path pairs inside a Distributed Map's configuration objects: ItemReader.ReaderConfig
    /// MaxItems/MaxItemsPath, ItemBatcher MaxItemsPerBatch/MaxItemsPerBatchPath and
    /// MaxInputBytesPerBatch/MaxInputBytesPerBatchPath (FLOW4008, as for the state's own pairs).
    /// </summary>
    private static void CheckExclusiveConfig(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        void Pair(string field, JsonValue? container, string prefix, string a, string b)
        {
            if (container is null || !container.IsObject || container[a] is null) return;
            foreach (var p in container.Properties)
                if (p.Name == b)
                {
                    ctx.Report(Rules.StaticAndPathTogether, ctx.AtKey(At(s, field), p), "Map", s.Name, prefix + a, prefix + b);
                    return;
                }
        }
        Pair("ItemReader", s.ItemReader is { IsObject: true } reader ? reader["ReaderConfig"] : null, "ReaderConfig.", "MaxItems", "MaxItemsPath");
        Pair("ItemBatcher", s.ItemBatcher, "ItemBatcher.", "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        Pair("ItemBatcher", s.ItemBatcher, "ItemBatcher.", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
    }

    /// <summary>
    /// ResultWriter (Step Functions developer guide, "ResultWriter (Map)"): not empty; WriterConfig,
    /// when present, is an object with OutputType JSON|JSONL and Transformation NONE|COMPACT|FLATTEN.
    /// </summary>
    private static void CheckWriterConfig(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        if (s.ResultWriter is not { IsObject: true } writer) return;
        var at = At(s, "ResultWriter");
        if (writer.Properties.Count == 0)
        {
            ctx.Report(Rules.WriterConfigInvalid, at, s.Name, "is empty; give it WriterConfig, or Resource and Parameters to export the results to Amazon S3, or both");
            return;
        }
        JsonProperty? configProperty = null;
        foreach (var p in writer.Properties)
            if (p.Name == "WriterConfig") configProperty = p;
        if (configProperty is null) return;
        var config = configProperty.Value.Value;
        if (IsJsonataString(config, state.IsJsonata)) return;
        if (!config.IsObject)
        {
            ctx.Report(Rules.WriterConfigInvalid, ctx.AtValue(at, config), s.Name,
                $"has WriterConfig set to {KindName(config)}; it must be an object such as {{ \"OutputType\": \"JSON\", \"Transformation\": \"NONE\" }}");
            return;
        }
        if (config.Properties.Count == 0)
        {
            ctx.Report(Rules.WriterConfigInvalid, ctx.AtValue(at, config), s.Name,
                "has an empty WriterConfig; set OutputType (JSON or JSONL) and Transformation (NONE, COMPACT or FLATTEN)");
            return;
        }
        foreach (var p in config.Properties)
        {
            var allowed = p.Name switch
            {
                "OutputType" => new[] { "JSON", "JSONL" },
                "Transformation" => new[] { "NONE", "COMPACT", "FLATTEN" },
                _ => null,
            };
            if (allowed is null)
            {
                ctx.Report(Rules.WriterConfigInvalid, ctx.AtKey(at, p), s.Name,
                    $"has the field '{p.Name}' in WriterConfig, which accepts only OutputType and Transformation");
                continue;
            }
            if (IsJsonataString(p.Value, state.IsJsonata)) continue;
            if (!(p.Value.IsString && Array.IndexOf(allowed, p.Value.Text) >= 0))
                ctx.Report(Rules.WriterConfigInvalid, ctx.AtValue(at, p.Value), s.Name,
                    $"has {p.Name} {(p.Value.IsString ? "'" + p.Value.Text + "'" : KindName(p.Value))} in WriterConfig; it must be " + string.Join(" or ", allowed.Select(a => "'" + a + "'")) + " (names are case-sensitive)");
        }
    }

    private static void CheckMapNumber(ValidationContext ctx, StateInfo state, string field, JsonValue? value, bool integer, double? max, string expected)
    {
        if (value is null || IsJsonataString(value, state.IsJsonata)) return;
        var ok = value.IsNumber && value.AsDouble() is var d && d >= 0 && (max is null || d <= max) && (!integer || value.TryGetInt64(out _));
        if (!ok) ctx.Report(Rules.MapNumberOutOfRange, At(state.Spec, field), state.Name, field, Describe(value), expected);
    }

    /// <summary>Characters as a person counts them: a surrogate pair is one.</summary>
    internal static int CharacterCount(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }
}
