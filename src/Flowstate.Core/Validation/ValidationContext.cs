using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Core.Diagnostics;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>Options of a validation run.</summary>
public sealed class ValidationOptions
{
    public static readonly ValidationOptions Default = new();

    /// <summary>
    /// Deployment-time placeholders (<c>${Name}</c>) the project declares, or null when declarations are
    /// not known (then neither FLOW6005 nor FLOW6006 is reported).
    /// </summary>
    public IReadOnlyCollection<string>? DeclaredPlaceholders { get; init; }

    /// <summary>Parallel/Map nesting deeper than this is FLOW5009.</summary>
    public int MaxNestingDepth { get; init; } = 10;

    /// <summary>
    /// Positions a finding inside a JSON value (a bad path in a '.$' value, an unknown intrinsic, a
    /// malformed JSONata expression) on the exact characters; null reports it on the field. See
    /// <see cref="JsonLocationResolver"/>.
    /// </summary>
    public JsonLocationResolver? JsonLocations { get; init; }

    /// <summary>
    /// The UTF-8 byte length of the definition exactly as it will be sent to Step Functions (for
    /// `flowstate validate`, the file as given), measured by the caller; FLOW5008 compares it with the
    /// limit. Null: the validator measures the ASL Flowstate writes for the machine (what the generator
    /// emits and a deploy sends).
    /// </summary>
    public long? DefinitionUtf8Bytes { get; init; }
}

/// <summary>
/// The source location of characters <paramref name="offset"/>..<paramref name="offset"/>+<paramref name="length"/>
/// of the JSON text a value was read from (<see cref="JsonValue.Offset"/>, <see cref="JsonProperty.NameOffset"/>),
/// or <c>default</c> when they cannot be placed. <paramref name="field"/> is the location of the field
/// that holds the value: an ASL file's offsets are absolute, so its resolver ignores it; a C# payload's
/// offsets count from the start of its string literal's value, which <paramref name="field"/> spans.
/// </summary>
public delegate SourceRef JsonLocationResolver(SourceRef field, int offset, int length);

/// <summary>Resolvers for <see cref="ValidationOptions.JsonLocations"/>.</summary>
public static class JsonLocations
{
    /// <summary>For a Spec read by <see cref="Asl.AslReader"/> from <paramref name="text"/>: offsets are positions in that text.</summary>
    public static JsonLocationResolver ForText(string? filePath, string text)
    {
        var lines = new TextLines(text ?? "");
        var length = (text ?? "").Length;
        var path = filePath ?? "";
        return (_, offset, count) =>
        {
            if (offset < 0 || count < 0 || offset + count > length) return default;
            var (line, column) = lines.GetPosition(offset);
            var (endLine, endColumn) = lines.GetPosition(offset + count);
            return new SourceRef(path, offset, count, line, column, endLine, endColumn);
        };
    }
}

/// <summary>What a scope is to validation: the top level, a Parallel branch or a Map item processor.</summary>
internal enum ScopeRole { Root, Branch, Processor }

internal sealed class ScopeInfo
{
    public ScopeInfo(ScopeSpec spec, ScopeRole kind, StateInfo? owner, int branchIndex, int depth)
    {
        Spec = spec;
        Kind = kind;
        Owner = owner;
        BranchIndex = branchIndex;
        Depth = depth;
    }

    public ScopeSpec Spec { get; }
    public ScopeRole Kind { get; }
    public StateInfo? Owner { get; }
    public int BranchIndex { get; }

    /// <summary>0 for the top level, 1 inside one Parallel/Map, ...</summary>
    public int Depth { get; }

    public List<StateInfo> States { get; } = new();

    /// <summary>States by name; the first of duplicates wins.</summary>
    public Dictionary<string, StateInfo> ByName { get; } = new(StringComparer.Ordinal);

    public string Describe() => Kind switch
    {
        ScopeRole.Root => "the top level",
        ScopeRole.Branch => $"branch {BranchIndex + 1} of Parallel state '{Owner!.Name}'",
        _ => Owner!.Spec.ProcessorIsIterator ? $"the Iterator of Map state '{Owner!.Name}'" : $"the item processor of Map state '{Owner!.Name}'",
    };

    /// <summary>Capitalized, for the start of a message.</summary>
    public string DescribeCapitalized()
    {
        var d = Describe();
        return char.ToUpperInvariant(d[0]) + d.Substring(1);
    }
}

internal sealed class StateInfo
{
    public StateInfo(StateSpec spec, ScopeInfo scope, int order, bool isJsonata)
    {
        Spec = spec;
        Scope = scope;
        Order = order;
        IsJsonata = isJsonata;
    }

    public StateSpec Spec { get; }
    public ScopeInfo Scope { get; }

    /// <summary>Position in the machine, pre-order (deterministic).</summary>
    public int Order { get; }

    public string Name => Spec.Name;
    public string? Type => Spec.Type;
    public bool IsJsonata { get; }

    /// <summary>"state 'X'" for messages.</summary>
    public string Label => "state '" + Spec.Name + "'";
}

/// <summary>The state machine indexed once (scopes, states, names) plus the diagnostics collected so far.</summary>
internal sealed class ValidationContext
{
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public ValidationContext(StateMachineSpec machine, ValidationOptions options, CancellationToken cancellationToken)
    {
        Machine = machine;
        Options = options;
        CancellationToken = cancellationToken;
        MachineQueryLanguage = machine.QueryLanguage ?? AslFacts.JsonPath;
        Index();
    }

    public StateMachineSpec Machine { get; }
    public ValidationOptions Options { get; }
    public CancellationToken CancellationToken { get; }
    public string MachineQueryLanguage { get; }

    public List<ScopeInfo> Scopes { get; } = new();

    /// <summary>Every state of every scope, pre-order.</summary>
    public List<StateInfo> States { get; } = new();

    /// <summary>Every state by name across all scopes (duplicates kept, in order).</summary>
    public Dictionary<string, List<StateInfo>> StatesByName { get; } = new(StringComparer.Ordinal);

    public bool IsExpress => string.Equals(Machine.WorkflowType, "EXPRESS", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

    private HashSet<string>? _raisedErrors;

    /// <summary>The Error names the machine's Fail states raise.</summary>
    public HashSet<string> RaisedErrors => _raisedErrors ??= new HashSet<string>(
        States.Where(s => s.Type == StateTypes.Fail && s.Spec.Error is not null).Select(s => s.Spec.Error!), StringComparer.Ordinal);

    private HashSet<string>? _assignedVariables;

    /// <summary>Variable names any Assign of the machine sets.</summary>
    public HashSet<string> AssignedVariables => _assignedVariables ??= CollectAssignedVariables();

    public void Report(Rule rule, SourceRef location, params string[] args)
        => _diagnostics.Add(new DiagnosticInfo(rule.Id, location, new EquatableArray<string>(args)));

    private void Index()
    {
        // Iterative pre-order walk: state, then the states of its branches/processor. A stack keeps
        // hostile nesting from overflowing.
        var root = new ScopeInfo(Machine.Root, ScopeRole.Root, null, 0, 0);
        var pending = new Stack<ScopeInfo>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var scope = pending.Pop();
            Scopes.Add(scope);
            var children = new List<ScopeInfo>();
            foreach (var spec in scope.Spec.States)
            {
                var ql = spec.QueryLanguage ?? MachineQueryLanguage;
                var state = new StateInfo(spec, scope, States.Count, string.Equals(ql, AslFacts.Jsonata, StringComparison.Ordinal));
                States.Add(state);
                scope.States.Add(state);
                if (!scope.ByName.ContainsKey(spec.Name)) scope.ByName.Add(spec.Name, state);
                if (!StatesByName.TryGetValue(spec.Name, out var list)) StatesByName.Add(spec.Name, list = new List<StateInfo>(1));
                list.Add(state);
                if (spec.Branches is { } branches)
                    for (var i = 0; i < branches.Count; i++)
                        children.Add(new ScopeInfo(branches[i], ScopeRole.Branch, state, i, scope.Depth + 1));
                if (spec.Processor is { } processor)
                    children.Add(new ScopeInfo(processor, ScopeRole.Processor, state, 0, scope.Depth + 1));
            }
            for (var i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
        }
        // Pre-order by scope, not by state: states of a scope come together; order stays deterministic.
    }

    private HashSet<string> CollectAssignedVariables()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Add(JsonValue? assign)
        {
            if (assign is null || !assign.IsObject) return;
            foreach (var p in assign.Properties)
                set.Add(p.Name.EndsWith(".$", StringComparison.Ordinal) ? p.Name.Substring(0, p.Name.Length - 2) : p.Name);
        }
        void AddRules(EquatableArray<ChoiceRuleSpec>? rules)
        {
            if (rules is null) return;
            foreach (var r in rules.Value) Add(r.Assign);
        }
        foreach (var s in States)
        {
            Add(s.Spec.Assign);
            if (s.Spec.Catch is { } catchers) foreach (var c in catchers) Add(c.Assign);
            AddRules(s.Spec.Choices);
        }
        return set;
    }

    // ---- locations ----

    /// <summary>
    /// The FieldLocations key of where a state's name was written (C#: the Name argument). Not an ASL
    /// field name, so it cannot collide with one.
    /// </summary>
    public const string NameKey = "(name)";

    // A Choice records "Choices[i].Field" for every rule in its state's FieldLocations, and every rule
    // looks its own fields up there: a linear scan per lookup made a Choice of N rules cost O(N^2)
    // (5,000 [When] rules: 29 s). Long arrays get a first-match index, built once per array and dropped
    // with it; short ones (nearly every state) are still scanned. Issue 11 item 6.
    private const int IndexedLocationsThreshold = 32;

    private static readonly ConditionalWeakTable<FieldLocation[], Dictionary<string, SourceRef>> s_locationIndexes = new();

    public static SourceRef Find(EquatableArray<FieldLocation> locations, string field)
    {
        if (locations.Count > IndexedLocationsThreshold && locations.Items is { } items)
            return s_locationIndexes.GetValue(items, IndexLocations).TryGetValue(field, out var indexed) ? indexed : default;
        foreach (var l in locations)
            if (string.Equals(l.Field, field, StringComparison.Ordinal)) return l.Location;
        return default;
    }

    private static Dictionary<string, SourceRef> IndexLocations(FieldLocation[] items)
    {
        var index = new Dictionary<string, SourceRef>(items.Length, StringComparer.Ordinal);
        foreach (var l in items)
            if (l.Field is not null && !index.ContainsKey(l.Field)) index.Add(l.Field, l.Location);
        return index;
    }

    /// <summary>Where a JSON value held by a field was written: its own characters when they can be placed, else the field.</summary>
    public SourceRef AtValue(SourceRef field, JsonValue value)
        => value.Offset < 0 || Options.JsonLocations is not { } resolve ? field : First(resolve(field, value.Offset, value.Length), field);

    /// <summary>Where the name of a JSON object member was written, else the field.</summary>
    public SourceRef AtKey(SourceRef field, JsonProperty property)
        => property.NameOffset < 0 || Options.JsonLocations is not { } resolve ? field : First(resolve(field, property.NameOffset, property.NameLength), field);

    public static SourceRef First(SourceRef a, SourceRef b) => a.IsKnown ? a : b;

    public static SourceRef First(SourceRef a, SourceRef b, SourceRef c) => a.IsKnown ? a : b.IsKnown ? b : c;

    public static SourceRef First(SourceRef a, SourceRef b, SourceRef c, SourceRef d) => a.IsKnown ? a : b.IsKnown ? b : c.IsKnown ? c : d;

    /// <summary>The location of a field of a state, else of the state.</summary>
    public static SourceRef At(StateSpec state, string field) => First(Find(state.FieldLocations, field), state.Location);

    /// <summary>Where a state's name was written: its Name (C#: the Name argument) when recorded, else the state.</summary>
    public static SourceRef AtName(StateSpec state) => First(Find(state.FieldLocations, NameKey), state.Location);

    public static SourceRef At(ScopeSpec scope, string field) => First(Find(scope.FieldLocations, field), scope.Location);

    public SourceRef AtMachine(string field) => First(Find(Machine.FieldLocations, field), Machine.Location);

    /// <summary>Location of a scope's field: the scope's own, else (for nested scopes) the owner state.</summary>
    public SourceRef At(ScopeInfo scope, string field)
    {
        if (scope.Kind == ScopeRole.Root) return First(At(scope.Spec, field), AtMachine(field));
        return First(At(scope.Spec, field), At(scope.Owner!.Spec, scope.Kind == ScopeRole.Branch ? "Branches" : scope.Owner.Spec.ProcessorIsIterator ? "Iterator" : "ItemProcessor"));
    }

    public static SourceRef AtRetry(StateSpec state, int index, string? field)
    {
        var r = state.Retry!.Value[index];
        var prefix = "Retry[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        if (field is null) return First(r.Location, Find(state.FieldLocations, prefix), At(state, "Retry"));
        return First(Find(r.FieldLocations, field), Find(state.FieldLocations, prefix + "." + field), r.Location, First(Find(state.FieldLocations, prefix), At(state, "Retry")));
    }

    public static SourceRef AtCatch(StateSpec state, int index, string? field)
    {
        var c = state.Catch!.Value[index];
        var prefix = "Catch[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        if (field is null) return First(c.Location, Find(state.FieldLocations, prefix), At(state, "Catch"));
        return First(Find(c.FieldLocations, field), Find(state.FieldLocations, prefix + "." + field), c.Location, First(Find(state.FieldLocations, prefix), At(state, "Catch")));
    }

    /// <summary>A rule's field, else the rule, else the top-level rule it belongs to, else the state's Choices.</summary>
    public static SourceRef AtRule(StateSpec state, int topIndex, ChoiceRuleSpec rule, string? field)
    {
        var prefix = "Choices[" + topIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        var own = field is null ? rule.Location : First(Find(rule.FieldLocations, field), rule.Location);
        var top = state.Choices is { } cs && topIndex < cs.Count ? cs[topIndex].Location : default;
        return First(own, field is null ? default : Find(state.FieldLocations, prefix + "." + field), top, First(Find(state.FieldLocations, prefix), At(state, "Choices")));
    }

    // ---- helpers for messages ----

    public static string Ordinal(int zeroBased) => (zeroBased + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Describe(JsonValue? value)
    {
        if (value is null) return "absent";
        var text = value.Kind switch
        {
            JsonKind.String => JsonWriter.Quote(value.Text!),
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            _ => value.ToString(),
        };
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    public static string KindName(JsonValue value) => value.Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.True or JsonKind.False => "a boolean",
        JsonKind.Number => "a number",
        JsonKind.String => "a string",
        JsonKind.Array => "an array",
        _ => "an object",
    };

    public static string Quote(IEnumerable<string> names, int max = 5)
    {
        var sb = new System.Text.StringBuilder();
        var n = 0;
        var total = 0;
        foreach (var name in names)
        {
            total++;
            if (n >= max) continue;
            if (n > 0) sb.Append(", ");
            sb.Append('\'').Append(name).Append('\'');
            n++;
        }
        if (total > max) sb.Append(" and ").Append((total - max).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" more");
        return sb.ToString();
    }

    public static string Truncate(string s, int max = 80) => s.Length > max ? s.Substring(0, max - 3) + "..." : s;
}
