using System.Collections.Generic;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Asl;

/// <summary>
/// Spec -> Amazon States Language, with a stable, conventional key order (docs/design.md, "ASL
/// output"): the typed fields that are set, in that order, then <c>Extras</c> in their order. A
/// field whose member is null is omitted; a JSON null (<c>"ResultPath": null</c>) is a JsonValue
/// and is written. A raw state (<see cref="StateSpec.Raw"/>) is written verbatim. The output
/// depends on nothing but the Spec (locations and <see cref="StateSpec.Integration"/> are ignored).
/// </summary>
public static class AslWriter
{
    /// <summary>The definition as a JSON value.</summary>
    public static JsonValue ToJson(StateMachineSpec spec)
    {
        var o = new List<JsonProperty>();
        AddString(o, "Comment", spec.Comment);
        AddString(o, "QueryLanguage", spec.QueryLanguage);
        AddString(o, "StartAt", spec.Root.StartAt);
        if (spec.Root.HasStates) o.Add(new JsonProperty("States", StatesToJson(spec.Root.States)));
        Add(o, "TimeoutSeconds", spec.TimeoutSeconds);
        AddString(o, "Version", spec.Version);
        AddExtras(o, spec.Extras);
        // The machine's own Comment wins; Root.Comment and Root.ProcessorConfig have no place at
        // the top level. Root.Extras, which the reader leaves empty, follow the machine's.
        AddExtras(o, spec.Root.Extras);
        return JsonValue.Object(o);
    }

    /// <summary>The definition pretty-printed (two spaces, "\n"), ending with a newline.</summary>
    public static string Write(StateMachineSpec spec) => JsonWriter.Write(ToJson(spec)) + "\n";

    /// <summary>One state's JSON (the value of its States entry).</summary>
    public static JsonValue StateToJson(StateSpec s)
    {
        if (s.Raw is not null) return s.Raw;
        var o = new List<JsonProperty>();
        AddString(o, "Type", s.Type);
        AddString(o, "Comment", s.Comment);
        AddString(o, "QueryLanguage", s.QueryLanguage);
        AddString(o, "Resource", s.Resource);
        // Choice
        if (s.Choices is { } choices) o.Add(new JsonProperty("Choices", ArrayOf(choices, RuleToJson)));
        AddString(o, "Default", s.Default);
        // Wait
        Add(o, "Seconds", s.Seconds);
        AddString(o, "SecondsPath", s.SecondsPath);
        Add(o, "Timestamp", s.Timestamp);
        AddString(o, "TimestampPath", s.TimestampPath);
        // Fail
        AddString(o, "Error", s.Error);
        AddString(o, "ErrorPath", s.ErrorPath);
        AddString(o, "Cause", s.Cause);
        AddString(o, "CausePath", s.CausePath);
        // Parallel
        if (s.Branches is { } branches) o.Add(new JsonProperty("Branches", ArrayOf(branches, ScopeToJson)));
        // Map
        AddString(o, "ItemsPath", s.ItemsPath);
        Add(o, "Items", s.Items);
        Add(o, "ItemReader", s.ItemReader);
        Add(o, "ItemSelector", s.ItemSelector);
        Add(o, "ItemBatcher", s.ItemBatcher);
        Add(o, "MaxConcurrency", s.MaxConcurrency);
        AddString(o, "MaxConcurrencyPath", s.MaxConcurrencyPath);
        Add(o, "ToleratedFailureCount", s.ToleratedFailureCount);
        AddString(o, "ToleratedFailureCountPath", s.ToleratedFailureCountPath);
        Add(o, "ToleratedFailurePercentage", s.ToleratedFailurePercentage);
        AddString(o, "ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath);
        AddString(o, "Label", s.Label);
        if (s.Processor is { } processor) o.Add(new JsonProperty(s.ProcessorIsIterator ? "Iterator" : "ItemProcessor", ScopeToJson(processor)));
        Add(o, "ResultWriter", s.ResultWriter);
        // Input and output processing
        Add(o, "InputPath", s.InputPath);
        Add(o, "Parameters", s.Parameters);
        Add(o, "Arguments", s.Arguments);
        Add(o, "Result", s.Result);
        Add(o, "ResultSelector", s.ResultSelector);
        Add(o, "ResultPath", s.ResultPath);
        Add(o, "OutputPath", s.OutputPath);
        Add(o, "Output", s.Output);
        Add(o, "Assign", s.Assign);
        // Task
        Add(o, "TimeoutSeconds", s.TimeoutSeconds);
        AddString(o, "TimeoutSecondsPath", s.TimeoutSecondsPath);
        Add(o, "HeartbeatSeconds", s.HeartbeatSeconds);
        AddString(o, "HeartbeatSecondsPath", s.HeartbeatSecondsPath);
        Add(o, "Credentials", s.Credentials);
        if (s.Retry is { } retry) o.Add(new JsonProperty("Retry", ArrayOf(retry, RetrierToJson)));
        if (s.Catch is { } catchers) o.Add(new JsonProperty("Catch", ArrayOf(catchers, CatcherToJson)));
        // Transition
        AddString(o, "Next", s.Next);
        if (s.End is { } end) o.Add(new JsonProperty("End", JsonValue.Boolean(end)));
        AddExtras(o, s.Extras);
        return JsonValue.Object(o);
    }

    /// <summary>A Parallel branch or a Map processor.</summary>
    public static JsonValue ScopeToJson(ScopeSpec scope)
    {
        var o = new List<JsonProperty>();
        AddString(o, "Comment", scope.Comment);
        Add(o, "ProcessorConfig", scope.ProcessorConfig);
        AddString(o, "StartAt", scope.StartAt);
        if (scope.HasStates) o.Add(new JsonProperty("States", StatesToJson(scope.States)));
        AddExtras(o, scope.Extras);
        return JsonValue.Object(o);
    }

    public static JsonValue RetrierToJson(RetrySpec r)
    {
        var o = new List<JsonProperty>();
        if (r.ErrorEquals is { } errors) o.Add(new JsonProperty("ErrorEquals", Strings(errors)));
        Add(o, "IntervalSeconds", r.IntervalSeconds);
        Add(o, "MaxAttempts", r.MaxAttempts);
        Add(o, "BackoffRate", r.BackoffRate);
        Add(o, "MaxDelaySeconds", r.MaxDelaySeconds);
        AddString(o, "JitterStrategy", r.JitterStrategy);
        AddString(o, "Comment", r.Comment);
        AddExtras(o, r.Extras);
        return JsonValue.Object(o);
    }

    public static JsonValue CatcherToJson(CatchSpec c)
    {
        var o = new List<JsonProperty>();
        if (c.ErrorEquals is { } errors) o.Add(new JsonProperty("ErrorEquals", Strings(errors)));
        AddString(o, "Next", c.Next);
        Add(o, "ResultPath", c.ResultPath);
        Add(o, "Output", c.Output);
        Add(o, "Assign", c.Assign);
        AddString(o, "Comment", c.Comment);
        AddExtras(o, c.Extras);
        return JsonValue.Object(o);
    }

    /// <summary>A Choice rule, top-level or nested. An Operator without an Operand writes null.</summary>
    public static JsonValue RuleToJson(ChoiceRuleSpec r)
    {
        var o = new List<JsonProperty>();
        AddString(o, "Variable", r.Variable);
        if (r.Operator is { } op) o.Add(new JsonProperty(op, r.Operand ?? JsonValue.Null));
        if (r.And is { } and) o.Add(new JsonProperty("And", ArrayOf(and, RuleToJson)));
        if (r.Or is { } or) o.Add(new JsonProperty("Or", ArrayOf(or, RuleToJson)));
        if (r.Not is { } not) o.Add(new JsonProperty("Not", RuleToJson(not)));
        Add(o, "Condition", r.Condition);
        AddString(o, "Next", r.Next);
        AddString(o, "Comment", r.Comment);
        Add(o, "Assign", r.Assign);
        Add(o, "Output", r.Output);
        AddExtras(o, r.Extras);
        return JsonValue.Object(o);
    }

    private static JsonValue StatesToJson(EquatableArray<StateSpec> states)
    {
        var o = new List<JsonProperty>(states.Count);
        foreach (var s in states) o.Add(new JsonProperty(s.Name, StateToJson(s)));
        return JsonValue.Object(o);
    }

    private static JsonValue ArrayOf<T>(EquatableArray<T> items, System.Func<T, JsonValue> toJson)
    {
        var result = new JsonValue[items.Count];
        for (var i = 0; i < result.Length; i++) result[i] = toJson(items[i]);
        return JsonValue.Array(result);
    }

    private static JsonValue Strings(EquatableArray<string> items)
    {
        var result = new JsonValue[items.Count];
        for (var i = 0; i < result.Length; i++) result[i] = JsonValue.String(items[i]);
        return JsonValue.Array(result);
    }

    private static void Add(List<JsonProperty> o, string name, JsonValue? value)
    {
        if (value is not null) o.Add(new JsonProperty(name, value));
    }

    private static void AddString(List<JsonProperty> o, string name, string? value)
    {
        if (value is not null) o.Add(new JsonProperty(name, JsonValue.String(value)));
    }

    private static void AddExtras(List<JsonProperty> o, EquatableArray<ExtraField> extras)
    {
        foreach (var e in extras) o.Add(new JsonProperty(e.Name, e.Value));
    }
}
