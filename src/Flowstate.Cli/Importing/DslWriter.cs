using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Core.Asl;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Cli.Importing;

/// <summary>
/// StateMachineSpec -> the C# a person would write for it (flowstate import): a partial class with
/// [StateMachine] and one nested class per state. The output is lossless (the generator turns it
/// back into JSON-equivalent ASL) and faithful (wrong definitions are written as they are:
/// dangling targets become NextName = "...", misplaced fields become [AslField], entries that are
/// not states become [RawState]).
/// </summary>
/// <remarks>
/// The C# mirrors what the parser (Parsing/) reads: StartAt defaults to the first States entry,
/// typed integrations put their keys in Parameters (JSONPath) or Arguments (JSONata), a JSON-text
/// property whose text is "{% ... %}" becomes that JSON string, an explicit null is written as JSON
/// null. Only what has no C# form at all is an <see cref="ImportError"/>: a top level without
/// StartAt or without States (the parser always writes both).
/// </remarks>
public static class DslWriter
{
    /// <summary>Writes the C# source for <paramref name="spec"/>.</summary>
    public static DslWriteResult Write(StateMachineSpec spec, DslWriterOptions? options = null)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        options ??= new DslWriterOptions();
        if (!string.IsNullOrEmpty(options.Namespace) && !CSharpNames.IsValidNamespace(options.Namespace!))
            throw new ArgumentException($"'{options.Namespace}' is not a valid C# namespace.", nameof(options));
        if (!string.IsNullOrEmpty(options.ClassName) && !CSharpNames.IsPlainIdentifier(options.ClassName!))
            throw new ArgumentException($"'{options.ClassName}' is not a valid C# class name.", nameof(options));
        return new DslWriterRun(spec, options).Run();
    }

    /// <summary>The class name the importer gives a machine: PascalCase of its name, never a name the generated code needs.</summary>
    public static string MachineClassName(string machineName)
    {
        var name = CSharpNames.ToPascalIdentifier(machineName, fallback: "StateMachine", prefixForDigit: "Machine");
        return IsReservedName(name) ? name + "StateMachine" : name;
    }

    /// <summary>
    /// Names no importer-written class may have anywhere in a machine: the generated members, the
    /// Flowstate types the written code refers to by simple name (a nested class of that name would
    /// capture the reference), and any "...Attribute" name (it would capture [Xxx]).
    /// </summary>
    public static bool IsReservedName(string name)
        => ReservedNames.Contains(name) || name.EndsWith("Attribute", StringComparison.Ordinal);

    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "AslJson", "Definition",
        "Flowstate", "System",
        "QueryLanguage", "IntegrationPattern", "JitterStrategy", "ProcessorMode", "WorkflowType",
        "StatesErrors", "LambdaErrors",
    };
}

/// <summary>One import: plans class names and transition references, then writes the text.</summary>
internal sealed partial class DslWriterRun
{
    private const int Indent = 4;

    private readonly StateMachineSpec _spec;
    private readonly DslWriterOptions _options;
    private readonly List<ImportError> _errors = new();
    private readonly List<ImportWarning> _warnings = new();
    private readonly ClassNode _machine;
    // Machine-wide: the first state class with a given ASL name, in document order.
    private readonly Dictionary<string, ClassNode> _statesByName = new(StringComparer.Ordinal);

    public DslWriterRun(StateMachineSpec spec, DslWriterOptions options)
    {
        _spec = spec;
        _options = options;
        var className = string.IsNullOrEmpty(options.ClassName) ? DslWriter.MachineClassName(spec.Name) : options.ClassName!;
        _machine = new ClassNode(ClassKind.Machine, className, null, "");
    }

    public DslWriteResult Run()
    {
        var root = _spec.Root;
        if (root.StartAt is null && root.States.Count > 0)
            _errors.Add(new ImportError("/", "the definition has no StartAt; a Flowstate machine always starts at its [StartAt] state or its first state, so it cannot be written without changing the definition"));
        if (!root.HasStates)
            _errors.Add(new ImportError("/", "the definition has no States object; a Flowstate machine always writes \"States\", so it cannot be written without changing the definition"));
        if (_spec.WorkflowType is not ("STANDARD" or "EXPRESS"))
            _errors.Add(new ImportError("/", $"workflow type '{_spec.WorkflowType}' is neither STANDARD nor EXPRESS"));

        _machine.Scope = Plan(root, _machine, "");
        if (_errors.Count > 0)
            return new DslWriteResult(null, _machine.ClassName, _errors.ToEquatableArray(), _warnings.ToEquatableArray());

        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(_options.HeaderComment))
        {
            foreach (var line in _options.HeaderComment!.Replace("\r\n", "\n").Split('\n'))
            {
                // A line break C# knows but this split does not (U+2028, a lone \r) would end the comment.
                var safe = new string(line.Select(c => CSharpLiterals.NeedsEscape(c) ? '?' : c).ToArray());
                sb.Append("// ").Append(safe).Append('\n');
            }
        }
        sb.Append("using Flowstate;\n\n");
        if (!string.IsNullOrEmpty(_options.Namespace)) sb.Append("namespace ").Append(_options.Namespace).Append(";\n\n");
        // Root.Comment and Root.ProcessorConfig have no place at the top level (AslWriter ignores
        // them too); the machine's own Comment is the top-level "Comment".
        WriteMachine(sb, 0);
        return new DslWriteResult(sb.ToString(), _machine.ClassName, _errors.ToEquatableArray(), _warnings.ToEquatableArray());
    }

    // ---- plan -----------------------------------------------------------------------------------

    private enum ClassKind
    {
        Machine,
        State,
        Branch,
        // A class that only carries [RawState]: it holds the raw entry's place in the States order.
        RawPlaceholder,
    }

    private sealed class ClassNode
    {
        public ClassNode(ClassKind kind, string className, ClassNode? parent, string pointer)
        {
            Kind = kind;
            ClassName = className;
            Parent = parent;
            Pointer = pointer;
        }

        public ClassKind Kind { get; }
        public string ClassName { get; }
        public ClassNode? Parent { get; }
        public string Pointer { get; }
        public List<ClassNode> Children { get; } = new();
        public StateSpec? State { get; set; }
        /// <summary>The scope this class declares (machine, branch, Map state).</summary>
        public ScopeModel? Scope { get; set; }
        /// <summary>The scope this state or placeholder belongs to.</summary>
        public ScopeModel? Owner { get; set; }
        public ScopeSpec? Branch { get; set; }

        public IEnumerable<ClassNode> SelfAndAncestors()
        {
            for (var n = this; n is not null; n = n.Parent) yield return n;
        }
    }

    private sealed class ScopeModel
    {
        public ScopeModel(ScopeSpec spec, ClassNode owner, string pointer)
        {
            Spec = spec;
            Owner = owner;
            Pointer = pointer;
        }

        public ScopeSpec Spec { get; }
        public ClassNode Owner { get; }
        public string Pointer { get; }
        /// <summary>The States entries in order: state classes and raw placeholders.</summary>
        public List<ClassNode> Entries { get; } = new();
    }

    private static string Child(string pointer, string token) => pointer + "/" + JsonEquivalence.Escape(token);

    private NameScope NamesFor(ClassNode container)
    {
        var enclosing = new HashSet<string>(container.SelfAndAncestors().Select(n => n.ClassName), StringComparer.Ordinal);
        return new NameScope(name => DslWriter.IsReservedName(name) || enclosing.Contains(name) || CSharpNames.IsKeyword(name) || InheritedMembers.Contains(name));
    }

    // Every state class is nested in a class, which inherits these from object: a nested class of the
    // same name hides the member (CS0108, an error under warnings-as-errors). Finalize is not among
    // them: a nested class may take that name without a warning (ImportedNamesTests proves both).
    private static readonly HashSet<string> InheritedMembers = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals",
    };

    private ScopeModel Plan(ScopeSpec scope, ClassNode owner, string pointer)
    {
        var model = new ScopeModel(scope, owner, pointer);
        var classNames = ClaimClassNames(scope.States, NamesFor(owner));
        for (var index = 0; index < scope.States.Count; index++)
        {
            var state = scope.States[index];
            var statePointer = Child(Child(pointer, "States"), state.Name);
            var whyRaw = state.Raw is null ? WhyRaw(state) : null;
            var isRaw = state.Raw is not null || whyRaw is not null;
            var node = new ClassNode(isRaw ? ClassKind.RawPlaceholder : ClassKind.State, classNames[index], owner, statePointer)
            {
                State = state,
                Owner = model,
            };
            owner.Children.Add(node);
            model.Entries.Add(node);
            if (whyRaw is not null)
                _warnings.Add(new ImportWarning(statePointer, $"written as [RawState] because {whyRaw}"));
            if (isRaw) continue;

            if (!_statesByName.ContainsKey(state.Name)) _statesByName.Add(state.Name, node);
            if (state.Type == StateTypes.Map)
            {
                var processorPointer = Child(statePointer, state.ProcessorIsIterator ? "Iterator" : "ItemProcessor");
                node.Scope = Plan(state.Processor!, node, processorPointer);
            }
            else if (state.Type == StateTypes.Parallel)
            {
                var branchNames = NamesFor(node);
                for (var i = 0; i < state.Branches!.Value.Count; i++)
                {
                    var branch = state.Branches.Value[i];
                    var branchPointer = Child(Child(statePointer, "Branches"), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var branchNode = new ClassNode(ClassKind.Branch, branchNames.Claim("Branch" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), node, branchPointer)
                    {
                        Branch = branch,
                    };
                    node.Children.Add(branchNode);
                    branchNode.Scope = Plan(branch, branchNode, branchPointer);
                }
            }
        }
        return model;
    }

    /// <summary>
    /// Class names for the states of one scope. A state whose name already is the identifier
    /// ("Extract") gets it first, so that "DoIt" keeps DoIt and "do it" becomes DoIt2, not the
    /// other way round; the rest follow in document order.
    /// </summary>
    private static string[] ClaimClassNames(EquatableArray<StateSpec> states, NameScope names)
    {
        var result = new string[states.Count];
        var bases = states.Select(s => CSharpNames.ToPascalIdentifier(s.Name)).ToArray();
        for (var i = 0; i < states.Count; i++)
        {
            if (string.Equals(bases[i], states[i].Name, StringComparison.Ordinal) && names.IsFree(bases[i]))
                result[i] = names.Claim(bases[i]);
        }
        for (var i = 0; i < states.Count; i++)
            result[i] ??= names.Claim(bases[i]);
        return result;
    }


    /// <summary>Why a States object cannot be a state class (then it is written as [RawState]), or null.</summary>
    private static string? WhyRaw(StateSpec s)
    {
        if (s.Type is null) return "it has no string Type";
        if (!AslVocabulary.StateTypes.IsKnown(s.Type)) return $"its Type '{s.Type}' is not a state type";
        switch (s.Type)
        {
            case StateTypes.Task:
                if (s.Resource is null) return "it is a Task without a string Resource ([Task] needs one)";
                break;
            case StateTypes.Choice:
                if (s.Choices is null) return "it is a Choice without a Choices array ([Choice] always writes one)";
                for (var i = 0; i < s.Choices.Value.Count; i++)
                {
                    if (WhyRuleNotWritable(s.Choices.Value[i]) is { } why)
                        return $"Choices[{i}] {why}";
                }
                break;
            case StateTypes.Parallel:
                if (s.Branches is null) return "it is a Parallel without a Branches array ([Parallel] always writes one)";
                for (var i = 0; i < s.Branches.Value.Count; i++)
                {
                    if (WhyScopeNotWritable(s.Branches.Value[i], isProcessor: false) is { } why)
                        return $"branch {i} {why}";
                }
                break;
            case StateTypes.Map:
                if (s.Processor is null) return "it is a Map without an ItemProcessor or Iterator ([Map] always writes one)";
                if (WhyScopeNotWritable(s.Processor, isProcessor: true) is { } whyProcessor)
                    return $"its {(s.ProcessorIsIterator ? "Iterator" : "ItemProcessor")} {whyProcessor}";
                break;
        }
        return null;
    }

    private static string? WhyScopeNotWritable(ScopeSpec scope, bool isProcessor)
    {
        if (!scope.HasStates) return "has no States object";
        if (scope.StartAt is null && scope.States.Count > 0) return "has no StartAt (the first state would be written as its StartAt)";
        if (isProcessor)
        {
            if (scope.Comment is not null) return "has a Comment ([Map] has no property for the processor's comment)";
            if (!scope.Extras.IsEmpty) return $"has the field '{scope.Extras[0].Name}' that [Map] cannot carry";
            if (scope.ProcessorConfig is { } config && !TryReadProcessorConfig(config, out _, out _))
                return "has a ProcessorConfig other than Mode (INLINE/DISTRIBUTED) and ExecutionType (STANDARD/EXPRESS)";
        }
        return null;
    }

    /// <summary>ProcessorConfig as [Map] writes it: an object with Mode and/or ExecutionType, each once, with a known value.</summary>
    private static bool TryReadProcessorConfig(JsonValue config, out string? mode, out string? executionType)
    {
        mode = null;
        executionType = null;
        if (!config.IsObject || config.Properties.Count == 0) return false;
        foreach (var p in config.Properties)
        {
            if (!p.Value.IsString) return false;
            switch (p.Name)
            {
                case "Mode" when mode is null && p.Value.Text is "INLINE" or "DISTRIBUTED":
                    mode = p.Value.Text;
                    break;
                case "ExecutionType" when executionType is null && p.Value.Text is "STANDARD" or "EXPRESS":
                    executionType = p.Value.Text;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    // ---- references -----------------------------------------------------------------------------

    /// <summary>The class a simple name binds to in an attribute on <paramref name="from"/> (C# looks in the class itself first, then outwards).</summary>
    private ClassNode? Bind(string simpleName, ClassNode from)
    {
        for (var k = from; k is not null; k = k.Parent)
        {
            foreach (var child in k.Children)
                if (string.Equals(child.ClassName, simpleName, StringComparison.Ordinal)) return child;
        }
        return string.Equals(simpleName, _machine.ClassName, StringComparison.Ordinal) ? _machine : null;
    }

    private static string PathFrom(ClassNode ancestor, ClassNode target)
    {
        var parts = new List<string>();
        for (var n = target; n is not null && n != ancestor; n = n.Parent) parts.Add(n.ClassName);
        parts.Add(ancestor.ClassName);
        parts.Reverse();
        return string.Join(".", parts);
    }

    /// <summary>
    /// The type name for <c>typeof</c> of <paramref name="target"/> in an attribute on
    /// <paramref name="from"/>: the simple name when it binds to the target, else qualified from
    /// the nearest enclosing class that binds (a nested class of the same name may shadow it).
    /// A state in another scope is always qualified from the machine class, so the reader sees
    /// that the transition leaves its scope.
    /// </summary>
    private string TypeName(ClassNode target, ClassNode from, bool sameScope)
    {
        if (!sameScope) return PathFrom(_machine, target);
        if (Bind(target.ClassName, from) == target) return target.ClassName;
        for (var a = target.Parent; a is not null; a = a.Parent)
        {
            if (a == _machine || Bind(a.ClassName, from) == a) return PathFrom(a, target);
        }
        return PathFrom(_machine, target);
    }

    /// <summary>
    /// A transition to <paramref name="targetName"/> from an attribute on <paramref name="from"/>
    /// in <paramref name="scope"/>: typeof for a state class of this scope (or, qualified, of
    /// another scope), the name as a string when no state class has that name.
    /// </summary>
    private (string? TypeOf, string Name) Target(string targetName, ClassNode from, ScopeModel scope)
    {
        foreach (var entry in scope.Entries)
        {
            if (!string.Equals(entry.State!.Name, targetName, StringComparison.Ordinal)) continue;
            return entry.Kind == ClassKind.State ? ("typeof(" + TypeName(entry, from, sameScope: true) + ")", targetName) : (null, targetName);
        }
        return _statesByName.TryGetValue(targetName, out var elsewhere)
            ? ("typeof(" + TypeName(elsewhere, from, sameScope: false) + ")", targetName)
            : (null, targetName);
    }

    /// <summary>Adds Next = typeof(X) or NextName = "x" (or Default/DefaultName).</summary>
    private void AddTransition(CSharpAttribute attribute, string property, string targetName, ClassNode from, ScopeModel scope)
    {
        var (typeOf, name) = Target(targetName, from, scope);
        if (typeOf is not null) attribute.Named(property, ArgValue.Code(typeOf));
        else attribute.Named(property + "Name", Str(name));
    }

    private static ArgValue Str(string s) => ArgValue.Code(CSharpLiterals.String(s));

    // ---- writing --------------------------------------------------------------------------------

    private void WriteMachine(StringBuilder sb, int indent)
    {
        var attribute = new CSharpAttribute("StateMachine").Positional(Str(_spec.Name));
        var asl = new List<CSharpAttribute>();
        if (_spec.Comment is not null) attribute.Named("Comment", Str(_spec.Comment));
        if (_spec.WorkflowType == "EXPRESS") attribute.Named("Type", ArgValue.Code("WorkflowType.Express"));
        if (_spec.TimeoutSeconds is { } timeout)
        {
            if (JsonNumbers.TryGetExactInt32(timeout, out var t)) attribute.Named("TimeoutSeconds", ArgValue.Code(CSharpLiterals.Int(t)));
            else asl.Add(AslField("TimeoutSeconds", timeout));
        }
        if (_spec.QueryLanguage is { } ql)
        {
            if (QueryLanguageCode(ql) is { } code) attribute.Named("QueryLanguage", ArgValue.Code(code));
            else asl.Add(AslField("QueryLanguage", JsonValue.String(ql)));
        }
        if (_spec.Version is not null) attribute.Named("Version", Str(_spec.Version));
        foreach (var extra in _spec.Extras) asl.Add(AslField(extra.Name, extra.Value));
        foreach (var extra in _spec.Root.Extras) asl.Add(AslField(extra.Name, extra.Value));

        attribute.WriteTo(sb, indent);
        StartAtAttribute(_machine.Scope!, _machine)?.WriteTo(sb, indent);
        foreach (var a in asl) a.WriteTo(sb, indent);
        sb.Append(' ', indent).Append("public partial class ").Append(_machine.ClassName).Append('\n');
        WriteBody(sb, indent, _machine.Children);
    }

    private void WriteBody(StringBuilder sb, int indent, List<ClassNode> children)
    {
        sb.Append(' ', indent).Append("{\n");
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            WriteClass(sb, indent + Indent, children[i]);
        }
        sb.Append(' ', indent).Append("}\n");
    }

    private void WriteClass(StringBuilder sb, int indent, ClassNode node)
    {
        var attributes = node.Kind switch
        {
            ClassKind.RawPlaceholder => new List<CSharpAttribute> { RawStateAttribute(node.State!) },
            ClassKind.Branch => BranchAttributes(node),
            _ => StateAttributes(node),
        };
        foreach (var a in attributes) a.WriteTo(sb, indent);
        sb.Append(' ', indent).Append("public class ").Append(node.ClassName);
        if (node.Children.Count == 0 && node.Kind is ClassKind.State or ClassKind.RawPlaceholder)
        {
            sb.Append(";\n");
            return;
        }
        sb.Append('\n');
        WriteBody(sb, indent, node.Children);
    }

    private CSharpAttribute RawStateAttribute(StateSpec state)
    {
        var json = state.Raw ?? Flowstate.Core.Asl.AslWriter.StateToJson(state);
        return new CSharpAttribute("RawState").Positional(Str(state.Name)).Positional(ArgValue.Json(json));
    }

    private List<CSharpAttribute> BranchAttributes(ClassNode node)
    {
        var branch = node.Branch!;
        var attribute = new CSharpAttribute("Branch");
        if (branch.Comment is not null) attribute.Named("Comment", Str(branch.Comment));
        var list = new List<CSharpAttribute> { attribute };
        if (StartAtAttribute(node.Scope!, node) is { } startAt) list.Add(startAt);
        // A branch has no ProcessorConfig; one that is there anyway is kept as a field.
        if (branch.ProcessorConfig is { } config) list.Add(AslField("ProcessorConfig", config));
        foreach (var extra in branch.Extras) list.Add(AslField(extra.Name, extra.Value));
        return list;
    }

    /// <summary>[StartAt] unless the scope starts at its first entry (the parser's default).</summary>
    private CSharpAttribute? StartAtAttribute(ScopeModel scope, ClassNode scopeClass)
    {
        var startAt = scope.Spec.StartAt;
        if (startAt is null) return null;
        if (scope.Entries.Count > 0 && string.Equals(scope.Entries[0].State!.Name, startAt, StringComparison.Ordinal)) return null;
        var (typeOf, name) = Target(startAt, scopeClass, scope);
        return new CSharpAttribute("StartAt").Positional(typeOf is not null ? ArgValue.Code(typeOf) : Str(name));
    }

    private static CSharpAttribute AslField(string name, JsonValue value)
        => new CSharpAttribute("AslField").Positional(Str(name)).Positional(ArgValue.Json(value));

    private static string? QueryLanguageCode(string ql) => ql switch
    {
        "JSONPath" => "QueryLanguage.JsonPath",
        "JSONata" => "QueryLanguage.Jsonata",
        _ => null,
    };
}
