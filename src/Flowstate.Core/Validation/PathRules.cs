using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;

using Flowstate.Core.Syntax;
using Flowstate.Core.Asl;

namespace Flowstate.Core.Validation;

internal enum PathRequirement
{
    /// <summary>Any path (InputPath, OutputPath, Variable, *Path operands, .$ values).</summary>
    Path,
    /// <summary>A path selecting one node (ItemsPath, SecondsPath, TimeoutSecondsPath, ...).</summary>
    ReferencePath,
    /// <summary>A reference path or an intrinsic function (Fail ErrorPath/CausePath).</summary>
    ReferencePathOrIntrinsic,
    /// <summary>ResultPath: a reference path into the state's output, so it starts with plain $.</summary>
    ResultPath,
}

/// <summary>
/// FLOW3xxx: path syntax, reference paths, payload templates (.$ keys, intrinsic functions, key
/// collisions), JSONata expressions, JSONPath-only fields in JSONata states and vice versa,
/// context object fields and variables.
/// </summary>
internal static class PathRules
{
    public static void Run(ValidationContext ctx)
    {
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            if (state.Spec.Raw is not null) continue;
            if (state.IsJsonata) CheckJsonataState(ctx, state);
            else CheckJsonPathState(ctx, state);
        }
    }

    public static bool LooksLikeJsonata(string s) => AslVocabulary.IsJsonataExpression(s);

    // ---------------------------------------------------------------- JSONPath states

    private static void CheckJsonPathState(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        PathValue(ctx, state, "InputPath", s.InputPath, PathRequirement.Path);
        PathValue(ctx, state, "OutputPath", s.OutputPath, PathRequirement.Path);
        PathValue(ctx, state, "ResultPath", s.ResultPath, PathRequirement.ResultPath);
        PathString(ctx, state, "ItemsPath", s.ItemsPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "TimeoutSecondsPath", s.TimeoutSecondsPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "HeartbeatSecondsPath", s.HeartbeatSecondsPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "SecondsPath", s.SecondsPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "TimestampPath", s.TimestampPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "MaxConcurrencyPath", s.MaxConcurrencyPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "ToleratedFailureCountPath", s.ToleratedFailureCountPath, PathRequirement.ReferencePath);
        PathString(ctx, state, "ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath, PathRequirement.ReferencePath);
        PathString(ctx, state, "ErrorPath", s.ErrorPath, PathRequirement.ReferencePathOrIntrinsic);
        PathString(ctx, state, "CausePath", s.CausePath, PathRequirement.ReferencePathOrIntrinsic);

        if (s.Parameters is not null) Template(ctx, state, "Parameters", s.Parameters, At(s, "Parameters"), assign: false, stateField: true);
        if (s.ResultSelector is not null) Template(ctx, state, "ResultSelector", s.ResultSelector, At(s, "ResultSelector"), assign: false, stateField: true);
        if (s.ItemSelector is not null) Template(ctx, state, "ItemSelector", s.ItemSelector, At(s, "ItemSelector"), assign: false, stateField: true);
        if (s.Credentials is not null) Template(ctx, state, "Credentials", s.Credentials, At(s, "Credentials"), assign: false, stateField: true);
        if (s.ItemReader is not null) Template(ctx, state, "ItemReader", s.ItemReader, At(s, "ItemReader"), assign: false, stateField: true);
        if (s.ItemBatcher is not null) Template(ctx, state, "ItemBatcher", s.ItemBatcher, At(s, "ItemBatcher"), assign: false, stateField: true);
        if (s.ResultWriter is not null) Template(ctx, state, "ResultWriter", s.ResultWriter, At(s, "ResultWriter"), assign: false, stateField: true);
        if (s.Assign is not null) Template(ctx, state, "Assign", s.Assign, At(s, "Assign"), assign: true, stateField: true);

        if (s.Arguments is not null || s.Output is not null || s.Items is not null)
            foreach (var (field, value) in new[] { ("Arguments", s.Arguments), ("Output", s.Output), ("Items", s.Items) })
                if (value is not null)
                    ctx.Report(Rules.JsonataFieldInJsonPathState, At(s, field), field, state.Label, AslFacts.JsonataOnlyFields[field]);

        if (s.Catch is { } catchers)
        {
            for (var i = 0; i < catchers.Count; i++)
            {
                var c = catchers[i];
                if (c.ResultPath is null && c.Assign is null && c.Output is null) continue; // nothing to check: no label built
                var label = $"catcher {Ordinal(i)}";
                if (c.ResultPath is { } rp) CheckPathValue(ctx, state, "ResultPath of " + label, rp, AtCatch(s, i, "ResultPath"), PathRequirement.ResultPath);
                Template(ctx, state, "Assign of " + label, c.Assign, AtCatch(s, i, "Assign"), assign: true);
                if (c.Output is not null)
                    ctx.Report(Rules.JsonataFieldInJsonPathState, AtCatch(s, i, "Output"), "Output of " + label, state.Label, AslFacts.JsonataOnlyFields["Output"]);
            }
        }
        if (s.Choices is { } rules)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var r = rules[i];
                if (r.Assign is not null) Template(ctx, state, $"Assign of Choice rule {Ordinal(i)}", r.Assign, AtRule(s, i, r, "Assign"), assign: true);
                if (r.Output is not null)
                    ctx.Report(Rules.JsonataFieldInJsonPathState, AtRule(s, i, r, "Output"), $"Output of Choice rule {Ordinal(i)}", state.Label, AslFacts.JsonataOnlyFields["Output"]);
            }
        }
    }

    private static void PathValue(ValidationContext ctx, StateInfo state, string field, JsonValue? value, PathRequirement requirement)
    {
        if (value is null) return;
        CheckPathValue(ctx, state, field, value, At(state.Spec, field), requirement);
    }

    private static void CheckPathValue(ValidationContext ctx, StateInfo state, string field, JsonValue value, SourceRef location, PathRequirement requirement)
    {
        if (value.IsNull) return;
        if (!value.IsString)
        {
            ctx.Report(Rules.FieldWrongType, location, state.Label, field, KindName(value), "a path string or null");
            return;
        }
        CheckPath(ctx, state, field, value.Text!, location, requirement);
    }

    private static void PathString(ValidationContext ctx, StateInfo state, string field, string? value, PathRequirement requirement)
    {
        if (value is null) return;
        CheckPath(ctx, state, field, value, At(state.Spec, field), requirement);
    }

    /// <summary>Checks one path (or intrinsic, where allowed) and reports what is wrong with it.</summary>
    internal static void CheckPath(ValidationContext ctx, StateInfo state, string field, string path, SourceRef location, PathRequirement requirement)
    {
        // Step Functions evaluates paths with Jayway JsonPath, which trims the expression: a deployed
        // AWS sample reads "$$.Execution.Name " and runs. Accepted, so a warning (with a code fix that
        // trims); the rest of the checks look at the path as AWS does.
        var trimmed = path.Trim();
        if (trimmed.Length != path.Length && trimmed.Length > 0)
        {
            var where = char.IsWhiteSpace(path[0]) && char.IsWhiteSpace(path[path.Length - 1]) ? "at both ends"
                : char.IsWhiteSpace(path[0]) ? "at the start" : "at the end";
            ctx.Report(Rules.PathWithSurroundingWhitespace, location, field, state.Label, path, where);
            path = trimmed;
        }
        if (requirement == PathRequirement.ReferencePathOrIntrinsic && IntrinsicSyntax.LooksLikeCall(path))
        {
            var paren = path.IndexOf('(');
            var name = paren > 0 ? path.Substring(0, paren).Trim() : path;
            if (IntrinsicSyntax.Arity.ContainsKey(name) && !StringIntrinsics.Contains(name))
                ctx.Report(Rules.IntrinsicNotAString, location, field, state.Name, name);
            CheckIntrinsic(ctx, state, field, null, path, location);
            return;
        }
        if (LooksLikeJsonata(path))
        {
            ctx.Report(Rules.JsonataInJsonPathState, location, field, state.Label, Truncate(path));
            return;
        }
        var analysis = JsonPathSyntax.Analyze(path);
        if (!analysis.IsValid)
        {
            ctx.Report(Rules.InvalidPath, location, field, state.Label, $"'{Truncate(path)}': {analysis.Error}");
            return;
        }
        if (requirement == PathRequirement.ResultPath && analysis.Root != PathRoot.Input)
            ctx.Report(Rules.NotAReferencePath, location, field, state.Label, path,
                "ResultPath places the result in the state's output, so it starts with '$', not '$$' or a variable");
        else if (requirement != PathRequirement.Path && analysis.NotReference is not null)
            ctx.Report(Rules.NotAReferencePath, location, field, state.Label, path, analysis.NotReference);
        CheckPathReferences(ctx, state, field, analysis, location);
    }

    /// <summary>
    /// The intrinsic functions that return a string, the only ones Fail's ErrorPath and CausePath accept
    /// (Step Functions developer guide, "Fail workflow state").
    /// </summary>
    private static readonly HashSet<string> StringIntrinsics = new(StringComparer.Ordinal)
    {
        "States.Format", "States.JsonToString", "States.ArrayGetItem", "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.UUID",
    };

    /// <summary>
    /// Fields of a Distributed Map's configuration objects that hold a reference path themselves (no
    /// '.$'): ItemReader.ReaderConfig.MaxItemsPath, ItemBatcher.MaxItemsPerBatchPath and
    /// ItemBatcher.MaxInputBytesPerBatchPath (FLOW3009 would tell users to rename them to '...Path.$',
    /// which breaks the definition).
    /// </summary>
    private static bool IsConfigPathField(string field, string? parent, bool top, string key)
        => (field == "ItemBatcher" && top && key is "MaxItemsPerBatchPath" or "MaxInputBytesPerBatchPath")
           || (field == "ItemReader" && parent == "ReaderConfig" && key == "MaxItemsPath");

    private static void CheckPathReferences(ValidationContext ctx, StateInfo state, string field, PathAnalysis analysis, SourceRef location)
    {
        if (analysis.Root == PathRoot.Context && analysis.ContextFirst is { } first)
        {
            if (!AslFacts.ContextFields.TryGetValue(first, out var children))
            {
                var suggestion = GraphRules.Suggest(first, AslFacts.ContextFields.Keys);
                ctx.Report(Rules.UnknownContextField, location, field, state.Label, "$$." + first,
                    "; it has Execution, State, StateMachine, Task and Map" + (suggestion is null ? "" : $" (did you mean '$$.{suggestion}'?)"));
            }
            else if (analysis.ContextSecond is { } second && children is not null && !children.Contains(second))
            {
                var suggestion = GraphRules.Suggest(second, children);
                ctx.Report(Rules.UnknownContextField, location, field, state.Label, $"$$.{first}.{second}",
                    $"; $$.{first} has " + string.Join(", ", children.OrderBy(c => c, StringComparer.Ordinal)) + (suggestion is null ? "" : $" (did you mean '$$.{first}.{suggestion}'?)"));
            }
        }
        else if (analysis.Root == PathRoot.Variable && analysis.Variable is { } variable && !ctx.AssignedVariables.Contains(variable))
        {
            var suggestion = GraphRules.Suggest(variable, ctx.AssignedVariables.OrderBy(v => v, StringComparer.Ordinal));
            ctx.Report(Rules.UnassignedVariable, location, field, state.Label, variable, suggestion is null ? "" : $" (did you mean '${suggestion}'?)");
        }
    }

    // ---------------------------------------------------------------- templates

    /// <summary>
    /// Where the members of a payload were written. A typed integration builds its payload from
    /// several properties, and the parser records each generated key as "Field.Key"; the values
    /// under such a key were read from that property's literal. Everything else is under the field.
    /// </summary>
    private static SourceRef MemberContainer(StateSpec? state, string field, SourceRef location, JsonProperty member)
    {
        if (state is null) return location;
        var own = Find(state.FieldLocations, field + "." + member.Name);
        return own.IsKnown ? own : location;
    }

    /// <summary>Walks a JSONPath payload template: '.$' keys, intrinsic functions, collisions, literal paths.</summary>
    private static void Template(ValidationContext ctx, StateInfo state, string field, JsonValue? value, SourceRef location, bool assign, bool stateField = false)
    {
        if (value is null) return;
        if (assign && !value.IsObject)
        {
            ctx.Report(Rules.FieldWrongType, location, state.Label, field, KindName(value), "an object");
            return;
        }
        if (assign) CheckVariableNames(ctx, state, value, location, stripDollar: true, stateField ? state.Spec : null, field);
        // One stack per thread, reused across calls (taken while in use, so a nested call gets its own).
        var stack = t_templateStack ?? new Stack<(JsonValue Value, SourceRef Container, bool Top, string? Parent)>();
        t_templateStack = null;
        stack.Clear();
        stack.Push((value, location, true, null));
        var steps = 0;
        Dictionary<string, string>? seen = null;
        while (stack.Count > 0)
        {
            if ((++steps & 255) == 0) ctx.CancellationToken.ThrowIfCancellationRequested();
            var (v, container, top, parent) = stack.Pop();
            if (v.IsArray)
            {
                for (var i = v.Items.Count - 1; i >= 0; i--) stack.Push((v.Items[i], container, false, null));
                continue;
            }
            if (v.IsString)
            {
                if (LooksLikeJsonata(v.Text!))
                    ctx.Report(Rules.JsonataInJsonPathState, ctx.AtValue(container, v), field, state.Label, Truncate(v.Text!));
                continue;
            }
            if (!v.IsObject) continue;
            // One map for the whole walk, emptied per object (the objects are handled one at a time).
            if (seen is null) seen = new Dictionary<string, string>(StringComparer.Ordinal);
            else seen.Clear();
            foreach (var p in v.Properties)
            {
                var at = top && stateField ? MemberContainer(state.Spec, field, container, p) : container;
                var dollar = p.Name.EndsWith(".$", StringComparison.Ordinal);
                var stripped = dollar ? p.Name.Substring(0, p.Name.Length - 2) : p.Name;
                if (seen.TryGetValue(stripped, out var previous))
                    ctx.Report(Rules.TemplateKeyCollision, ctx.AtKey(at, p), field, state.Label, previous, p.Name, stripped);
                else seen.Add(stripped, p.Name);

                if (dollar)
                {
                    if (!p.Value.IsString)
                        ctx.Report(Rules.DollarKeyNotString, ctx.AtValue(at, p.Value), p.Name, field, state.Label, KindName(p.Value));
                    else CheckDollarValue(ctx, state, field, p.Name, p.Value.Text!, ctx.AtValue(at, p.Value));
                    continue;
                }
                if (stateField && IsConfigPathField(field, parent, top, p.Name))
                {
                    if (p.Value.IsString) CheckPath(ctx, state, $"'{p.Name}' in {field}", p.Value.Text!, ctx.AtValue(at, p.Value), PathRequirement.ReferencePath);
                    else ctx.Report(Rules.FieldWrongType, ctx.AtValue(at, p.Value), state.Label, $"{field}.{(parent is null ? "" : parent + ".")}{p.Name}", KindName(p.Value), "a reference path string");
                    continue;
                }
                if (p.Value.IsString && LooksLikePath(p.Value.Text!))
                    ctx.Report(Rules.PathWithoutDollarKey, ctx.AtValue(at, p.Value), p.Name, field, state.Label, Truncate(p.Value.Text!));
                stack.Push((p.Value, at, false, top ? p.Name : null));
            }
        }
        t_templateStack = stack;
    }

    [ThreadStatic] private static Stack<(JsonValue Value, SourceRef Container, bool Top, string? Parent)>? t_templateStack;

    private static bool LooksLikePath(string s)
        => (s == "$" || s.StartsWith("$.", StringComparison.Ordinal) || s.StartsWith("$$.", StringComparison.Ordinal) || s.StartsWith("$[", StringComparison.Ordinal))
           && s.IndexOf(' ') < 0;

    private static void CheckDollarValue(ValidationContext ctx, StateInfo state, string field, string key, string text, SourceRef location)
    {
        var where = $"'{key}' in {field}";
        if (IntrinsicSyntax.LooksLikeCall(text))
        {
            CheckIntrinsic(ctx, state, field, key, text, location);
            return;
        }
        if (text.TrimStart().StartsWith("$", StringComparison.Ordinal))
        {
            CheckPath(ctx, state, where, text, location, PathRequirement.Path);
            return;
        }
        if (text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal)) return; // a deploy-time placeholder
        ctx.Report(Rules.DollarKeyNotPath, location, key, field, state.Label, Truncate(text));
    }

    // ---------------------------------------------------------------- intrinsic functions

    private static readonly HashSet<string> HashAlgorithms = new(StringComparer.Ordinal) { "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512" };

    private static void CheckIntrinsic(ValidationContext ctx, StateInfo state, string field, string? key, string text, SourceRef location)
    {
        var subject = key ?? Truncate(text, 60);
        var container = key is null ? field : field;
        var call = IntrinsicSyntax.Parse(text, out var error);
        if (call is null)
        {
            ctx.Report(Rules.IntrinsicSyntax, location, subject, container, state.Label, error ?? "it cannot be parsed");
            return;
        }
        var pending = new Stack<IntrinsicCall>();
        pending.Push(call);
        while (pending.Count > 0)
        {
            var c = pending.Pop();
            if (c.Depth > IntrinsicSyntax.MaxNesting)
            {
                ctx.Report(Rules.IntrinsicSyntax, location, subject, container, state.Label,
                    $"intrinsic functions are nested {c.Depth} deep; Step Functions allows at most {IntrinsicSyntax.MaxNesting}");
                return;
            }
            if (!IntrinsicSyntax.Arity.TryGetValue(c.Name, out var arity))
            {
                var suggestion = GraphRules.Suggest(c.Name, IntrinsicSyntax.Arity.Keys);
                ctx.Report(Rules.UnknownIntrinsic, location, subject, container, state.Label, c.Name,
                    suggestion is null ? "" : $"; did you mean {suggestion}?");
            }
            else
            {
                var n = c.Args.Count;
                if (n < arity.Min || (arity.Max >= 0 && n > arity.Max))
                {
                    var takes = arity.Max < 0 ? $"at least {arity.Min} argument{(arity.Min == 1 ? "" : "s")}"
                        : arity.Min == arity.Max ? $"{arity.Min} argument{(arity.Min == 1 ? "" : "s")}"
                        : $"{arity.Min} to {arity.Max} arguments";
                    ctx.Report(Rules.IntrinsicArity, location, subject, container, state.Label, c.Name,
                        $"{n} argument{(n == 1 ? "" : "s")}", takes);
                }
                else CheckIntrinsicArguments(ctx, state, subject, container, c, location);
            }
            foreach (var arg in c.Args)
            {
                if (arg.Kind == IntrinsicArgKind.Call) pending.Push(arg.Call!);
                else if (arg.Kind == IntrinsicArgKind.Path)
                    CheckPath(ctx, state, $"an argument of {c.Name} in {(key is null ? field : $"'{key}' in {field}")}", arg.Text, location, PathRequirement.Path);
            }
        }
    }

    private static void CheckIntrinsicArguments(ValidationContext ctx, StateInfo state, string subject, string field, IntrinsicCall c, SourceRef location)
    {
        void Problem(string message) => ctx.Report(Rules.IntrinsicArgument, location, subject, field, state.Label, message);
        switch (c.Name)
        {
            case "States.Format":
                if (c.Args[0].Kind == IntrinsicArgKind.String)
                {
                    var placeholders = CountPlaceholders(c.Args[0].Text);
                    if (placeholders != c.Args.Count - 1)
                        Problem($"the States.Format template has {placeholders} '{{}}' placeholder{(placeholders == 1 ? "" : "s")} but {c.Args.Count - 1} value{(c.Args.Count == 2 ? "" : "s")} follow; the call fails with States.IntrinsicFailure");
                }
                else if (c.Args[0].Kind is IntrinsicArgKind.Number or IntrinsicArgKind.Boolean or IntrinsicArgKind.Null)
                    Problem("the first argument of States.Format must be the template string");
                break;
            case "States.Hash":
                if (c.Args[1].Kind == IntrinsicArgKind.String && !HashAlgorithms.Contains(c.Args[1].Text))
                    Problem($"'{c.Args[1].Text}' is not a States.Hash algorithm; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
                break;
            case "States.JsonMerge":
                if (c.Args[2].Kind == IntrinsicArgKind.Boolean && c.Args[2].Text == "true")
                    Problem("States.JsonMerge supports only shallow merges; its third argument must be false");
                else if (c.Args[2].Kind is IntrinsicArgKind.String or IntrinsicArgKind.Number or IntrinsicArgKind.Null)
                    Problem("the third argument of States.JsonMerge must be the boolean false");
                break;
            case "States.ArrayRange":
                if (c.Args.All(a => a.Kind == IntrinsicArgKind.Number))
                {
                    var start = Num(c.Args[0]);
                    var end = Num(c.Args[1]);
                    var step = Num(c.Args[2]);
                    if (step == 0) Problem("the step of States.ArrayRange must not be 0");
                    else if ((end - start) / step + 1 > 1000) Problem("States.ArrayRange can produce at most 1,000 elements");
                }
                break;
            case "States.ArrayPartition":
                if (c.Args[1].Kind == IntrinsicArgKind.Number && Num(c.Args[1]) <= 0)
                    Problem("the chunk size of States.ArrayPartition must be a positive integer");
                break;
        }
        foreach (var arg in c.Args)
            if (arg.Kind == IntrinsicArgKind.Number && c.Name is "States.ArrayGetItem" or "States.ArrayPartition" or "States.ArrayRange" or "States.MathRandom"
                && Num(arg) != Math.Floor(Num(arg)))
                Problem($"{c.Name} takes integers, not {arg.Text}");
    }

    private static double Num(IntrinsicArg arg)
        => double.TryParse(arg.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    private static int CountPlaceholders(string template)
    {
        var n = 0;
        for (var i = 0; i < template.Length - 1; i++)
        {
            if (template[i] == '\\') { i++; continue; }
            if (template[i] == '{' && template[i + 1] == '}') { n++; i++; }
        }
        return n;
    }

    // ---------------------------------------------------------------- JSONata states

    private static void CheckJsonataState(ValidationContext ctx, StateInfo state)
    {
        var s = state.Spec;
        foreach (var field in FieldRules.PresentFields(s))
            if (AslFacts.JsonPathOnlyFields.TryGetValue(field, out var instead))
                ctx.Report(Rules.JsonPathFieldInJsonataState, At(s, field), field, state.Label, instead);

        foreach (var (field, value) in new[]
                 {
                     ("Arguments", s.Arguments), ("Output", s.Output), ("Items", s.Items), ("ItemSelector", s.ItemSelector),
                     ("ItemReader", s.ItemReader), ("ItemBatcher", s.ItemBatcher), ("ResultWriter", s.ResultWriter), ("Credentials", s.Credentials),
                     ("TimeoutSeconds", s.TimeoutSeconds), ("HeartbeatSeconds", s.HeartbeatSeconds), ("Seconds", s.Seconds), ("Timestamp", s.Timestamp),
                     ("MaxConcurrency", s.MaxConcurrency), ("ToleratedFailureCount", s.ToleratedFailureCount),
                     ("ToleratedFailurePercentage", s.ToleratedFailurePercentage),
                 })
            JsonataTemplate(ctx, state, field, value, At(s, field), stateField: true);
        foreach (var (field, value) in new[] { ("Error", s.Error), ("Cause", s.Cause) })
            if (value is not null) JsonataTemplate(ctx, state, field, JsonValue.String(value), At(s, field));
        JsonataAssign(ctx, state, "Assign", s.Assign, At(s, "Assign"), stateField: true);

        if (s.Catch is { } catchers)
        {
            for (var i = 0; i < catchers.Count; i++)
            {
                var c = catchers[i];
                if (c.ResultPath is not null)
                    ctx.Report(Rules.JsonPathFieldInJsonataState, AtCatch(s, i, "ResultPath"), $"ResultPath of catcher {Ordinal(i)}", state.Label,
                        "shape the error output with Output (for example {% $states.errorOutput %})");
                JsonataTemplate(ctx, state, $"Output of catcher {Ordinal(i)}", c.Output, AtCatch(s, i, "Output"));
                JsonataAssign(ctx, state, $"Assign of catcher {Ordinal(i)}", c.Assign, AtCatch(s, i, "Assign"));
            }
        }
        if (s.Choices is { } rules)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var r = rules[i];
                JsonataTemplate(ctx, state, $"Output of Choice rule {Ordinal(i)}", r.Output, AtRule(s, i, r, "Output"));
                JsonataAssign(ctx, state, $"Assign of Choice rule {Ordinal(i)}", r.Assign, AtRule(s, i, r, "Assign"));
            }
        }
    }

    private static void JsonataAssign(ValidationContext ctx, StateInfo state, string field, JsonValue? value, SourceRef location, bool stateField = false)
    {
        if (value is null) return;
        if (!value.IsObject)
        {
            if (!(value.IsString && LooksLikeJsonata(value.Text!)))
                ctx.Report(Rules.FieldWrongType, location, state.Label, field, KindName(value), "an object");
            else JsonataTemplate(ctx, state, field, value, location, stateField);
            return;
        }
        CheckVariableNames(ctx, state, value, location, stripDollar: false, stateField ? state.Spec : null, field);
        JsonataTemplate(ctx, state, field, value, location, stateField);
    }

    /// <summary>Walks a JSONata value: every "{% %}" string must be a well-formed expression; '.$' keys are JSONPath.</summary>
    internal static void JsonataTemplate(ValidationContext ctx, StateInfo state, string field, JsonValue? value, SourceRef location, bool stateField = false)
    {
        if (value is null) return;
        var stack = new Stack<(JsonValue Value, SourceRef Container, bool Top)>();
        stack.Push((value, location, true));
        var steps = 0;
        while (stack.Count > 0)
        {
            if ((++steps & 255) == 0) ctx.CancellationToken.ThrowIfCancellationRequested();
            var (v, container, top) = stack.Pop();
            if (v.IsString)
            {
                CheckJsonataString(ctx, state, field, v.Text!, container, v);
                continue;
            }
            if (v.IsArray)
            {
                for (var i = v.Items.Count - 1; i >= 0; i--) stack.Push((v.Items[i], container, false));
                continue;
            }
            if (!v.IsObject) continue;
            foreach (var p in v.Properties)
            {
                var at = top && stateField ? MemberContainer(state.Spec, field, container, p) : container;
                if (p.Name.EndsWith(".$", StringComparison.Ordinal))
                    ctx.Report(Rules.JsonPathFieldInJsonataState, ctx.AtKey(at, p), $"'{p.Name}' in {field}", state.Label,
                        $"JSONata states do not use '.$' keys: name it '{p.Name.Substring(0, p.Name.Length - 2)}' and write the value as \"{{% expression %}}\"");
                stack.Push((p.Value, at, false));
            }
        }
    }

    internal static void CheckJsonataString(ValidationContext ctx, StateInfo state, string field, string text, SourceRef location)
        => CheckJsonataString(ctx, state, field, text, location, null);

    /// <summary>
    /// Checks a "{% expr %}" string; <paramref name="value"/> (the JSON string it was read from, when
    /// known) lets the finding point at the character of the expression where the error is, rather
    /// than at the whole value.
    /// </summary>
    internal static void CheckJsonataString(ValidationContext ctx, StateInfo state, string field, string text, SourceRef location, JsonValue? value)
    {
        if (!text.StartsWith("{%", StringComparison.Ordinal)) return;
        if (JsonataProblem(text) is not { } problem) return;
        var at = value is null ? location : ctx.AtStringCharacters(location, value, problem.Position, Math.Max(problem.Length, 1));
        ctx.Report(Rules.InvalidJsonata, at, field, state.Label, $"'{Truncate(text, 60)}': {problem.Message} (at character {problem.Position + 1})");
    }

    /// <summary>
    /// What is wrong with "{% expr %}": the delimiters, an empty expression, or the first syntax error
    /// of the expression (<see cref="JsonataSyntax"/>); positions count from the start of <paramref name="text"/>.
    /// Null when it is a well-formed expression.
    /// </summary>
    internal static JsonataError? JsonataProblem(string text)
    {
        if (!text.EndsWith("%}", StringComparison.Ordinal) || text.Length < 4)
            return new JsonataError(Math.Max(text.Length - 1, 0), 1, "it starts with '{%' but does not end with '%}'");
        var body = text.Substring(2, text.Length - 4);
        if (body.Trim().Length == 0) return new JsonataError(0, text.Length, "the expression between {% and %} is empty");
        if (JsonataSyntax.Check(body) is not { } error) return null;
        return new JsonataError(error.Position + 2, error.Length, error.Message);
    }

    // ---------------------------------------------------------------- variables

    private static void CheckVariableNames(ValidationContext ctx, StateInfo state, JsonValue assign, SourceRef location, bool stripDollar, StateSpec? owner, string field)
    {
        foreach (var p in assign.Properties)
        {
            var name = stripDollar && p.Name.EndsWith(".$", StringComparison.Ordinal) ? p.Name.Substring(0, p.Name.Length - 2) : p.Name;
            string? problem = null;
            if (name.Length == 0) problem = "it is empty";
            else if (!JsonPathSyntax.IsIdentifierStart(name[0])) problem = "it must start with a letter or '_'";
            else if (name.Any(ch => !JsonPathSyntax.IsIdentifierPart(ch))) problem = "it may contain only letters, digits and '_'";
            else if (name == "states") problem = "'states' is reserved for $states";
            else if (FieldRules.CharacterCount(name) > 80) problem = "it is longer than 80 characters";
            if (problem is not null) ctx.Report(Rules.InvalidVariableName, ctx.AtKey(MemberContainer(owner, field, location, p), p), state.Label, p.Name, problem);
        }
    }
}
