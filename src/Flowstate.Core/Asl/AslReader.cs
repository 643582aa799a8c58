using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Threading;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Core.Asl;

/// <summary>The model read from an ASL definition (null when the text is not a JSON object) and what went wrong.</summary>
public sealed record AslReadResult(StateMachineSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Amazon States Language JSON -> Spec, faithfully: nothing repaired, nothing dropped, with locations.
/// </summary>
/// <remarks>
/// <para>A field goes to its typed Spec member when ASL defines it for that element and its JSON type
/// is the expected one; otherwise (unknown field, unexpected type, or a key already seen in the same
/// object) it goes to <c>Extras</c>, in source order. Expected types:</para>
/// <list type="bullet">
/// <item>names, ARNs, paths other than the three below, enums (Type, Next, Resource, ItemsPath,
/// JitterStrategy, ...), Timestamp and Variable: a string;</item>
/// <item>InputPath, OutputPath, ResultPath: a string or null (null is kept as a JSON null);</item>
/// <item>numbers of a state (TimeoutSeconds, HeartbeatSeconds, Seconds,
/// MaxConcurrency, ToleratedFailureCount, ToleratedFailurePercentage): a number or a string (JSONata
/// writes "{% ... %}" there; whether the string is a valid expression is the validators' call);</item>
/// <item>the machine's TimeoutSeconds and a retrier's IntervalSeconds, MaxAttempts, BackoffRate,
/// MaxDelaySeconds: a number only, since ASL accepts no JSONata there ("BackoffRate": "2" goes to
/// Extras);</item>
/// <item>End: a boolean; Condition: a string or a boolean;</item>
/// <item>payloads (Parameters, Arguments, ResultSelector, Result, Output, Assign, Items,
/// ItemSelector, ItemReader, ItemBatcher, ResultWriter, Credentials, ProcessorConfig) and the
/// operand of a Choice comparison: any JSON value, as in the C# DSL;</item>
/// <item>ErrorEquals: an array of strings; Retry, Catch, Choices, Branches, And, Or: an array of
/// objects; Not, ItemProcessor, Iterator, States: an object.</item>
/// </list>
/// <para>A Choice rule takes the first comparison operator it contains; any further one goes to
/// Extras. A Map takes the first of ItemProcessor and Iterator. A States entry that is not an
/// object becomes a <see cref="StateSpec"/> with <see cref="StateSpec.Raw"/>; duplicate state names
/// give two StateSpecs.</para>
/// <para>Locations: each element's <c>Location</c> spans its JSON object; each field has a
/// <see cref="FieldLocation"/> (typed or extra, duplicates included) spanning its key, quotes
/// included. Lines and columns are zero-based.</para>
/// <para>Invalid JSON, or a top level that is not an object, gives no Spec and one
/// <see cref="DiagnosticIds.InvalidJson"/> diagnostic at the error position whose MessageArgs are
/// [0] what is wrong (e.g. "unterminated string") and [1] where, as "line L, column C" (one-based,
/// for people).</para>
/// </remarks>
public static class AslReader
{
    /// <summary>
    /// Every comparison operator of a Choice rule (ASL specification and the Step Functions
    /// documentation), in the order the specification lists them.
    /// </summary>
    public static readonly IReadOnlyList<string> ComparisonOperators = AslVocabulary.ChoiceOperators.Select(o => o.Key).ToArray();

    private static readonly HashSet<string> OperatorSet = new(ComparisonOperators, System.StringComparer.Ordinal);

    /// <summary>True if <paramref name="name"/> is a Choice comparison operator ("StringEquals", "IsPresent", ...).</summary>
    public static bool IsComparisonOperator(string name) => OperatorSet.Contains(name);

    /// <summary>Reads an ASL definition. Never throws (except <see cref="System.OperationCanceledException"/>).</summary>
    /// <param name="json">The definition's text.</param>
    /// <param name="machineName">The name to give the machine (ASL has none; typically from the file name).</param>
    /// <param name="filePath">The path recorded in every <see cref="SourceRef"/>; "" when null, so locations stay known.</param>
    /// <param name="cancellationToken">Checked once per state.</param>
    public static AslReadResult Read(string json, string machineName, string? filePath = null, CancellationToken cancellationToken = default)
    {
        json ??= "";
        var path = filePath ?? "";
        var lines = new TextLines(json);
        var parsed = JsonReader.Parse(json);
        if (!parsed.Success)
            return Invalid(json, path, lines, parsed.Error ?? "invalid JSON", parsed.ErrorOffset);
        var root = parsed.Value!;
        if (!root.IsObject)
            return Invalid(json, path, lines, $"a state machine definition must be a JSON object, not {KindName(root)}", root.Offset);

        var reader = new Reader((offset, length) => MakeRef(path, lines, offset, length), cancellationToken);
        return new AslReadResult(reader.ReadMachine(root, machineName ?? ""), EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// Reads one state from a JSON object already parsed from some text (a C# [RawState] value), the
    /// way <see cref="Read"/> reads a States entry. <paramref name="locate"/> turns offsets of that
    /// text into locations, so positions land in the text the object came from.
    /// </summary>
    internal static StateSpec ReadState(string name, JsonValue state, System.Func<int, int, SourceRef> locate, CancellationToken cancellationToken = default)
        => new Reader(locate, cancellationToken).ReadOneState(name, state);

    private static AslReadResult Invalid(string json, string path, TextLines lines, string message, int offset)
    {
        if (offset < 0) offset = 0;
        if (offset > json.Length) offset = json.Length;
        var length = offset < json.Length ? 1 : 0;
        var location = MakeRef(path, lines, offset, length);
        var where = $"line {(location.StartLine + 1).ToString(CultureInfo.InvariantCulture)}, column {(location.StartColumn + 1).ToString(CultureInfo.InvariantCulture)}";
        var diagnostic = new DiagnosticInfo(DiagnosticIds.InvalidJson, location, EquatableArray.Create(message, where));
        return new AslReadResult(null, EquatableArray.Create(diagnostic));
    }

    internal static string KindName(JsonValue value) => value.Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.True or JsonKind.False => "a boolean",
        JsonKind.Number => "a number",
        JsonKind.String => "a string",
        JsonKind.Array => "an array",
        _ => "an object",
    };

    private static SourceRef MakeRef(string path, TextLines lines, int offset, int length)
    {
        var (line, column) = lines.GetPosition(offset);
        var (endLine, endColumn) = lines.GetPosition(offset + length);
        return new SourceRef(path, offset, length, line, column, endLine, endColumn);
    }

    // One instance per Read: the helpers need the path, the line map and the token.
    private sealed class Reader
    {
        private readonly System.Func<int, int, SourceRef> _locate;
        private readonly CancellationToken _cancellationToken;

        public Reader(System.Func<int, int, SourceRef> locate, CancellationToken cancellationToken)
        {
            _locate = locate;
            _cancellationToken = cancellationToken;
        }

        private SourceRef At(JsonValue value) => _locate(value.Offset, value.Length);

        private FieldLocation At(JsonProperty property) => new(property.Name, _locate(property.NameOffset, property.NameLength));

        private delegate bool TakeField<T>(ref T spec, JsonProperty property);

        // The fidelity rule, in one place: `take` claims the first occurrence of a field the element
        // models, when it has the JSON type expected; anything else (an unknown field, a mistyped one,
        // a repeated key) is kept verbatim in Extras, in order. Every key's position is recorded.
        private (T Spec, EquatableArray<ExtraField> Extras, EquatableArray<FieldLocation> Locations) ReadFields<T>(JsonValue obj, T spec, TakeField<T> take)
        {
            var extras = new List<ExtraField>();
            var locations = new List<FieldLocation>(obj.Properties.Count);
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var p in obj.Properties)
            {
                locations.Add(At(p));
                if (seen.Add(p.Name) && take(ref spec, p)) continue;
                extras.Add(new ExtraField(p.Name, p.Value));
            }
            return (spec, extras.ToEquatableArray(), locations.ToEquatableArray());
        }

        public StateSpec ReadOneState(string name, JsonValue obj) => ReadState(name, obj);

        public StateMachineSpec ReadMachine(JsonValue obj, string name)
        {
            // StartAt and States belong to the top-level scope; its locations are collected beside the machine's.
            var root = new ScopeSpec { HasStates = false };
            var rootLocations = new List<FieldLocation>();
            var (read, extras, locations) = ReadFields(obj, new StateMachineSpec { Name = name, Root = root }, Take);
            return read with
            {
                Root = root with { Location = At(obj), FieldLocations = rootLocations.ToEquatableArray() },
                Extras = extras,
                Location = At(obj),
                FieldLocations = locations,
            };

            bool Take(ref StateMachineSpec spec, JsonProperty p)
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "Comment": if (v.IsString) { spec = spec with { Comment = v.Text }; return true; } break;
                    case "QueryLanguage": if (v.IsString) { spec = spec with { QueryLanguage = v.Text }; return true; } break;
                    case "Version": if (v.IsString) { spec = spec with { Version = v.Text }; return true; } break;
                    case "TimeoutSeconds": if (v.IsNumber) { spec = spec with { TimeoutSeconds = v }; return true; } break;
                    case "StartAt":
                        if (v.IsString) { root = root with { StartAt = v.Text }; rootLocations.Add(At(p)); return true; }
                        break;
                    case "States":
                        if (v.IsObject) { root = root with { States = ReadStates(v), HasStates = true }; rootLocations.Add(At(p)); return true; }
                        break;
                }
                return false;
            }
        }

        private EquatableArray<StateSpec> ReadStates(JsonValue obj)
        {
            var states = new List<StateSpec>(obj.Properties.Count);
            foreach (var p in obj.Properties)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                states.Add(p.Value.IsObject
                    ? ReadState(p.Name, p.Value)
                    : new StateSpec { Name = p.Name, Raw = p.Value, Location = At(p.Value) });
            }
            return states.ToEquatableArray();
        }

        private ScopeSpec ReadScope(JsonValue obj)
        {
            var (read, extras, locations) = ReadFields(obj, new ScopeSpec { HasStates = false }, Take);
            return read with { Extras = extras, Location = At(obj), FieldLocations = locations };

            bool Take(ref ScopeSpec scope, JsonProperty p)
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "Comment": if (v.IsString) { scope = scope with { Comment = v.Text }; return true; } break;
                    case "ProcessorConfig": scope = scope with { ProcessorConfig = v }; return true;
                    case "StartAt": if (v.IsString) { scope = scope with { StartAt = v.Text }; return true; } break;
                    case "States": if (v.IsObject) { scope = scope with { States = ReadStates(v), HasStates = true }; return true; } break;
                }
                return false;
            }
        }

        private StateSpec ReadState(string name, JsonValue obj)
        {
            var hasProcessor = false;
            var (read, extras, locations) = ReadFields(obj, new StateSpec { Name = name }, Take);
            return read with { Extras = extras, Location = At(obj), FieldLocations = locations };

            bool Take(ref StateSpec s, JsonProperty p)
            {
                var v = p.Value;
                var text = v.IsString ? v.Text : null;
                switch (p.Name)
                {
                    case "Type": if (text is not null) { s = s with { Type = text }; return true; } break;
                    case "Comment": if (text is not null) { s = s with { Comment = text }; return true; } break;
                    case "QueryLanguage": if (text is not null) { s = s with { QueryLanguage = text }; return true; } break;
                    case "Next": if (text is not null) { s = s with { Next = text }; return true; } break;
                    case "End": if (v.IsBoolean) { s = s with { End = v.Kind == JsonKind.True }; return true; } break;

                    case "InputPath": if (IsPathLike(v)) { s = s with { InputPath = v }; return true; } break;
                    case "OutputPath": if (IsPathLike(v)) { s = s with { OutputPath = v }; return true; } break;
                    case "ResultPath": if (IsPathLike(v)) { s = s with { ResultPath = v }; return true; } break;
                    case "Parameters": s = s with { Parameters = v }; return true;
                    case "ResultSelector": s = s with { ResultSelector = v }; return true;
                    case "Arguments": s = s with { Arguments = v }; return true;
                    case "Output": s = s with { Output = v }; return true;
                    case "Assign": s = s with { Assign = v }; return true;
                    case "Result": s = s with { Result = v }; return true;

                    case "Resource": if (text is not null) { s = s with { Resource = text }; return true; } break;
                    case "TimeoutSeconds": if (IsNumberLike(v)) { s = s with { TimeoutSeconds = v }; return true; } break;
                    case "TimeoutSecondsPath": if (text is not null) { s = s with { TimeoutSecondsPath = text }; return true; } break;
                    case "HeartbeatSeconds": if (IsNumberLike(v)) { s = s with { HeartbeatSeconds = v }; return true; } break;
                    case "HeartbeatSecondsPath": if (text is not null) { s = s with { HeartbeatSecondsPath = text }; return true; } break;
                    case "Credentials": s = s with { Credentials = v }; return true;
                    case "Retry":
                        if (IsArrayOfObjects(v)) { s = s with { Retry = Map(v, ReadRetrier) }; return true; }
                        break;
                    case "Catch":
                        if (IsArrayOfObjects(v)) { s = s with { Catch = Map(v, ReadCatcher) }; return true; }
                        break;

                    case "Choices":
                        if (IsArrayOfObjects(v)) { s = s with { Choices = Map(v, ReadRule) }; return true; }
                        break;
                    case "Default": if (text is not null) { s = s with { Default = text }; return true; } break;

                    case "Seconds": if (IsNumberLike(v)) { s = s with { Seconds = v }; return true; } break;
                    case "SecondsPath": if (text is not null) { s = s with { SecondsPath = text }; return true; } break;
                    case "Timestamp": if (text is not null) { s = s with { Timestamp = v }; return true; } break;
                    case "TimestampPath": if (text is not null) { s = s with { TimestampPath = text }; return true; } break;

                    case "Error": if (text is not null) { s = s with { Error = text }; return true; } break;
                    case "ErrorPath": if (text is not null) { s = s with { ErrorPath = text }; return true; } break;
                    case "Cause": if (text is not null) { s = s with { Cause = text }; return true; } break;
                    case "CausePath": if (text is not null) { s = s with { CausePath = text }; return true; } break;

                    case "Branches":
                        if (IsArrayOfObjects(v)) { s = s with { Branches = Map(v, ReadScope) }; return true; }
                        break;

                    case "ItemProcessor":
                    case "Iterator":
                        if (v.IsObject && !hasProcessor)
                        {
                            hasProcessor = true;
                            s = s with { Processor = ReadScope(v), ProcessorIsIterator = p.Name == "Iterator" };
                            return true;
                        }
                        break;
                    case "ItemsPath": if (text is not null) { s = s with { ItemsPath = text }; return true; } break;
                    case "Items": s = s with { Items = v }; return true;
                    case "ItemSelector": s = s with { ItemSelector = v }; return true;
                    case "ItemReader": s = s with { ItemReader = v }; return true;
                    case "ItemBatcher": s = s with { ItemBatcher = v }; return true;
                    case "ResultWriter": s = s with { ResultWriter = v }; return true;
                    case "MaxConcurrency": if (IsNumberLike(v)) { s = s with { MaxConcurrency = v }; return true; } break;
                    case "MaxConcurrencyPath": if (text is not null) { s = s with { MaxConcurrencyPath = text }; return true; } break;
                    case "ToleratedFailureCount": if (IsNumberLike(v)) { s = s with { ToleratedFailureCount = v }; return true; } break;
                    case "ToleratedFailureCountPath": if (text is not null) { s = s with { ToleratedFailureCountPath = text }; return true; } break;
                    case "ToleratedFailurePercentage": if (IsNumberLike(v)) { s = s with { ToleratedFailurePercentage = v }; return true; } break;
                    case "ToleratedFailurePercentagePath": if (text is not null) { s = s with { ToleratedFailurePercentagePath = text }; return true; } break;
                    case "Label": if (text is not null) { s = s with { Label = text }; return true; } break;
                }
                return false;
            }
        }

        private RetrySpec ReadRetrier(JsonValue obj)
        {
            var (read, extras, locations) = ReadFields(obj, new RetrySpec(), Take);
            return read with { Extras = extras, Location = At(obj), FieldLocations = locations };

            bool Take(ref RetrySpec r, JsonProperty p)
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "ErrorEquals": if (IsArrayOfStrings(v)) { r = r with { ErrorEquals = Strings(v) }; return true; } break;
                    case "IntervalSeconds": if (v.IsNumber) { r = r with { IntervalSeconds = v }; return true; } break;
                    case "MaxAttempts": if (v.IsNumber) { r = r with { MaxAttempts = v }; return true; } break;
                    case "BackoffRate": if (v.IsNumber) { r = r with { BackoffRate = v }; return true; } break;
                    case "MaxDelaySeconds": if (v.IsNumber) { r = r with { MaxDelaySeconds = v }; return true; } break;
                    case "JitterStrategy": if (v.IsString) { r = r with { JitterStrategy = v.Text }; return true; } break;
                    case "Comment": if (v.IsString) { r = r with { Comment = v.Text }; return true; } break;
                }
                return false;
            }
        }

        private CatchSpec ReadCatcher(JsonValue obj)
        {
            var (read, extras, locations) = ReadFields(obj, new CatchSpec(), Take);
            return read with { Extras = extras, Location = At(obj), FieldLocations = locations };

            bool Take(ref CatchSpec c, JsonProperty p)
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "ErrorEquals": if (IsArrayOfStrings(v)) { c = c with { ErrorEquals = Strings(v) }; return true; } break;
                    case "Next": if (v.IsString) { c = c with { Next = v.Text }; return true; } break;
                    case "ResultPath": if (IsPathLike(v)) { c = c with { ResultPath = v }; return true; } break;
                    case "Output": c = c with { Output = v }; return true;
                    case "Assign": c = c with { Assign = v }; return true;
                    case "Comment": if (v.IsString) { c = c with { Comment = v.Text }; return true; } break;
                }
                return false;
            }
        }

        private ChoiceRuleSpec ReadRule(JsonValue obj)
        {
            var (read, extras, locations) = ReadFields(obj, new ChoiceRuleSpec(), Take);
            return read with { Extras = extras, Location = At(obj), FieldLocations = locations };

            bool Take(ref ChoiceRuleSpec r, JsonProperty p)
            {
                var v = p.Value;
                if (OperatorSet.Contains(p.Name))
                {
                    if (r.Operator is null) { r = r with { Operator = p.Name, Operand = v }; return true; }
                }
                else
                {
                    switch (p.Name)
                    {
                        case "Variable": if (v.IsString) { r = r with { Variable = v.Text }; return true; } break;
                        case "And": if (IsArrayOfObjects(v)) { r = r with { And = Map(v, ReadRule) }; return true; } break;
                        case "Or": if (IsArrayOfObjects(v)) { r = r with { Or = Map(v, ReadRule) }; return true; } break;
                        case "Not": if (v.IsObject) { r = r with { Not = ReadRule(v) }; return true; } break;
                        case "Condition": if (v.IsString || v.IsBoolean) { r = r with { Condition = v }; return true; } break;
                        case "Next": if (v.IsString) { r = r with { Next = v.Text }; return true; } break;
                        case "Comment": if (v.IsString) { r = r with { Comment = v.Text }; return true; } break;
                        case "Assign": r = r with { Assign = v }; return true;
                        case "Output": r = r with { Output = v }; return true;
                    }
                }
                return false;
            }
        }

        private static EquatableArray<T> Map<T>(JsonValue array, System.Func<JsonValue, T> read)
        {
            var result = new T[array.Items.Count];
            for (var i = 0; i < result.Length; i++) result[i] = read(array.Items[i]);
            return new EquatableArray<T>(result);
        }

        private static EquatableArray<string> Strings(JsonValue array)
        {
            var result = new string[array.Items.Count];
            for (var i = 0; i < result.Length; i++) result[i] = array.Items[i].Text!;
            return new EquatableArray<string>(result);
        }
    }

    private static bool IsNumberLike(JsonValue v) => v.IsNumber || v.IsString;

    private static bool IsPathLike(JsonValue v) => v.IsString || v.IsNull;

    private static bool IsArrayOfObjects(JsonValue v)
    {
        if (!v.IsArray) return false;
        foreach (var item in v.Items)
            if (!item.IsObject) return false;
        return true;
    }

    private static bool IsArrayOfStrings(JsonValue v)
    {
        if (!v.IsArray) return false;
        foreach (var item in v.Items)
            if (!item.IsString) return false;
        return true;
    }
}
