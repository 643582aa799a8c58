using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Flowstate.Core.Asl;

namespace Flowstate.Generator.Parsing;

/// <summary>One parse of one [StateMachine] class. Not reused; holds symbols only while it runs.</summary>
internal sealed partial class MachineParser
{
    private readonly ParseContext _context;
    private readonly INamedTypeSymbol _machine;
    private readonly AttributeData _attribute;
    private readonly CancellationToken _ct;
    private readonly Dictionary<ITypeSymbol, string> _stateNames = new(SymbolEqualityComparer.Default);
    private string _machineName = "";
    private string? _machineQueryLanguage;

    public MachineParser(ParseContext context, INamedTypeSymbol machine, AttributeData attribute)
    {
        _context = context;
        _machine = machine;
        _attribute = attribute;
        _ct = context.CancellationToken;
    }

    private bool Capture => _context.CaptureLocations;

    private static AttributeArguments Args(AttributeUse attribute) => attribute.Args;

    public StateMachineSpec? Parse()
    {
        // [StateMachine] is AttributeTargets.Class; on anything else the compiler already reports CS0592.
        if (_machine.TypeKind != TypeKind.Class) return null;

        var args = new AttributeArguments(_attribute, Capture, _ct);
        var locations = new FieldLocations(Capture);
        _machineName = args.String("Name") ?? _machine.Name;
        locations.Add("Name", args.LocationOf("Name"));
        _machineQueryLanguage = EnumString(args, "QueryLanguage", locations, "QueryLanguage");
        var owner = $"state machine '{_machineName}'";
        ReportSetTwice(args, owner);

        var type = BuildTypeIdentity();
        var info = new ClassInfo(_machine, _context.Attributes);
        ReportStray(info, $"the state machine class '{_machine.Name}'", AttributeRole.StartAt, AttributeRole.AslField, AttributeRole.RawState);

        var root = DiscoverScope(info, DeclaredScope.Machine);

        var comment = String(args, "Comment", locations, "Comment");
        var timeout = IntNumber(args, "TimeoutSeconds", locations, "TimeoutSeconds");
        var version = String(args, "Version", locations, "Version");
        var workflowType = EnumString(args, "Type", locations, "Type") ?? "STANDARD";
        var extras = Extras(info.AslField, owner, locations, "");

        return new StateMachineSpec
        {
            Name = _machineName,
            WorkflowType = workflowType,
            Type = type,
            Comment = comment,
            TimeoutSeconds = timeout,
            QueryLanguage = _machineQueryLanguage,
            Version = version,
            Root = BuildScope(root, owner, null, args.Location),
            Extras = extras,
            Location = args.Location,
            FieldLocations = locations.ToArray(),
        };
    }

    private TypeIdentity BuildTypeIdentity()
    {
        var containing = new List<ContainingTypeInfo>();
        for (var t = _machine.ContainingType; t is not null; t = t.ContainingType)
            containing.Insert(0, new ContainingTypeInfo(Keyword(t), NameWithTypeParameters(t), IsPartial(t)));

        // FLOW0002: the generated members go into a partial declaration of the class and of every type around it.
        for (var t = _machine; t is not null; t = t.ContainingType)
        {
            if (!IsPartial(t))
                _context.Report(DiagnosticIds.MachineNotPartial, Capture ? IdentifierLocation(t) : default, _machine.Name, t.Name);
        }

        var ns = _machine.ContainingNamespace;
        return new TypeIdentity(
            ns is null || ns.IsGlobalNamespace ? null : ns.ToDisplayString(),
            containing.ToEquatableArray(),
            NameWithTypeParameters(_machine),
            _machine.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            IsPartial(_machine))
        {
            Keyword = _machine.IsRecord ? "record" : "class",
        };
    }

    private static string Keyword(INamedTypeSymbol type)
    {
        if (type.IsRecord) return type.TypeKind == TypeKind.Struct ? "record struct" : "record";
        return type.TypeKind switch
        {
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            _ => "class",
        };
    }

    private static string NameWithTypeParameters(INamedTypeSymbol type)
        => type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";

    private bool IsPartial(INamedTypeSymbol type)
    {
        var any = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_ct) is not TypeDeclarationSyntax declaration) return false;
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) return false;
            any = true;
        }
        return any;
    }

    private SourceRef IdentifierLocation(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
            if (reference.GetSyntax(_ct) is BaseTypeDeclarationSyntax declaration) return SourceRefs.From(declaration.Identifier);
        return default;
    }

    private ScopeSpec BuildScope(ScopeNode scope, string owner, AttributeArguments? branch, SourceRef location)
    {
        var locations = new FieldLocations(Capture);
        var states = new List<StateSpec>(scope.Entries.Count);
        foreach (var entry in scope.Entries)
        {
            _ct.ThrowIfCancellationRequested();
            var state = entry is StateNode node ? BuildState(node) : BuildRaw((RawNode)entry);
            if (state is not null) states.Add(state);
        }

        string? startAt = null;
        if (scope.Info.StartAt is { } startAttribute)
        {
            var a = Args(startAttribute);
            if (a.Type("State") is { } target)
                startAt = ResolveTarget(target, a.LocationOf("State"), "StartAt", owner, "[StartAt(\"name\")]");
            else if (a.String("StateName") is { } name)
                startAt = name;
            locations.Add("StartAt", a.Location);
        }
        else if (states.Count > 0)
        {
            startAt = states[0].Name;
        }

        string? comment = null;
        var extras = default(EquatableArray<ExtraField>);
        if (branch is not null)
        {
            comment = String(branch, "Comment", locations, "Comment");
            extras = Extras(scope.Info.AslField, owner, locations, "");
        }

        return new ScopeSpec
        {
            StartAt = startAt,
            States = states.ToEquatableArray(),
            Comment = comment,
            Extras = extras,
            Location = location,
            FieldLocations = locations.ToArray(),
        };
    }

    /// <summary>A typeof transition target: the state's name, or (FLOW0004) the class name when it is not a state of this machine.</summary>
    private string ResolveTarget(ITypeSymbol type, SourceRef location, string property, string owner, string alternative)
    {
        if (_stateNames.TryGetValue(type.OriginalDefinition, out var name)) return name;
        // An unresolved type is already a compiler error; a second message would only add noise.
        if (type.TypeKind != TypeKind.Error)
            _context.Report(DiagnosticIds.TargetNotAState, location, property, owner, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), alternative);
        return type.Name;
    }

    /// <summary>A transition given as typeof (<paramref name="typeProperty"/>) or as a name (<paramref name="nameProperty"/>).</summary>
    private string? Transition(AttributeArguments a, string typeProperty, string nameProperty, string owner, FieldLocations locations, string field)
    {
        string? result = null;
        if (a.Type(typeProperty) is { } type)
        {
            result = ResolveTarget(type, a.LocationOf(typeProperty), typeProperty, owner, nameProperty);
            locations.Add(field, a.LocationOf(typeProperty));
        }
        if (a.String(nameProperty) is { } name)
        {
            if (result is not null)
            {
                _context.Report(DiagnosticIds.ConflictingProperties, a.LocationOf(nameProperty), owner,
                    $"{typeProperty} and {nameProperty} both set ASL {field}; keep {typeProperty} (or only {nameProperty} for a state outside this class)");
            }
            else
            {
                result = name;
                locations.Add(field, a.LocationOf(nameProperty));
            }
        }
        return result;
    }

    private void ReportSetTwice(AttributeArguments a, string owner)
    {
        foreach (var property in a.SetTwice)
            _context.Report(DiagnosticIds.ConflictingProperties, a.LocationOf(property), owner,
                $"{property} is given both to the [{a.ShortName}] constructor and as a named argument; give it once");
    }

    // ---- values -------------------------------------------------------------------------------

    private static string? String(AttributeArguments a, string property, FieldLocations locations, string field)
    {
        var value = a.String(property);
        if (value is not null) locations.Add(field, a.LocationOf(property));
        return value;
    }

    /// <summary>A JSONPath-valued field: a JSON string, or JSON null when set explicitly to null (ResultPath = null discards the result).</summary>
    private static JsonValue? PathValue(AttributeArguments a, string property, FieldLocations locations, string field)
    {
        if (!a.Has(property)) return null;
        JsonValue? value = a.IsNull(property) ? JsonValue.Null : a.String(property) is { } s ? JsonValue.String(s) : null;
        if (value is not null) locations.Add(field, a.LocationOf(property));
        return value;
    }

    private static JsonValue? IntNumber(AttributeArguments a, string property, FieldLocations locations, string field)
    {
        if (a.Int(property) is not int i) return null;
        locations.Add(field, a.LocationOf(property));
        return JsonValue.Number(i);
    }

    private JsonValue? DoubleNumber(AttributeArguments a, string property, string owner, FieldLocations locations, string field)
    {
        if (a.Double(property) is not double d) return null;
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            _context.Report(DiagnosticIds.InvalidJson, a.LocationOf(property), field, owner,
                d.ToString(CultureInfo.InvariantCulture) + " is not a JSON number (NaN and infinities cannot be written)");
            return null;
        }
        locations.Add(field, a.LocationOf(property));
        return JsonValue.Number(d);
    }

    private static bool? Bool(AttributeArguments a, string property, FieldLocations locations, string field)
    {
        var value = a.Bool(property);
        if (value is not null) locations.Add(field, a.LocationOf(property));
        return value;
    }

    /// <summary>An enum property as its ASL string, by member name (AttributeEnums); a value outside the enum is written as its number so that validation sees it.</summary>
    private static string? EnumString(AttributeArguments a, string property, FieldLocations locations, string field)
    {
        if (AttributeEnums.Spelling(a, property) is not { } spelling) return null;
        locations.Add(field, a.LocationOf(property));
        return spelling;
    }

    /// <summary>A JSON-text property: absent, JSON null when set to null, a JSONata string for "{% ... %}", else the parsed JSON (FLOW0003 if invalid).</summary>
    private JsonValue? Json(AttributeArguments a, string property, string owner, FieldLocations locations, string field)
    {
        if (!a.Has(property)) return null;
        JsonValue? value = a.IsNull(property) ? JsonValue.Null
            : a.String(property) is { } text ? ParseJsonText(text, a, property, owner, field) : null;
        if (value is not null) locations.Add(field, a.LocationOf(property));
        return value;
    }

    private JsonValue? ParseJsonText(string text, AttributeArguments a, string property, string owner, string field)
    {
        var trimmed = text.Trim();
        if (AslVocabulary.IsJsonataExpression(trimmed))
            return JsonValue.String(trimmed, text.IndexOf("{%", System.StringComparison.Ordinal), trimmed.Length); // offset into the literal, for diagnostics

        var result = JsonReader.Parse(text);
        if (result.Success) return result.Value;

        var (line, column) = new TextLines(text).GetPosition(result.ErrorOffset);
        var where = text.IndexOf('\n') >= 0
            ? $" (line {line + 1}, column {column + 1} of the text)"
            : $" (character {column + 1} of the text)";
        _context.Report(DiagnosticIds.InvalidJson, MapIntoLiteral(a, property, result.ErrorOffset), field, owner, result.Error + where);
        return null;
    }

    /// <summary>The position of character <paramref name="offset"/> of a string argument's value; the whole argument when the literal does not map simply.</summary>
    private SourceRef MapIntoLiteral(AttributeArguments a, string property, int offset)
    {
        if (!Capture) return default;
        var expression = a.ExpressionOf(property);
        if (expression is null) return a.LocationOf(property);
        return SourceRefs.From(expression.SyntaxTree, LiteralMap.SpanOf(expression, offset));
    }

    /// <summary>[AslField] attributes as extra fields, in source order.</summary>
    private EquatableArray<ExtraField> Extras(List<AttributeUse> attributes, string owner, FieldLocations locations, string prefix)
    {
        if (attributes.Count == 0) return default;
        var extras = new List<ExtraField>(attributes.Count);
        foreach (var attribute in attributes)
        {
            _ct.ThrowIfCancellationRequested();
            var a = Args(attribute);
            var name = a.String("Name") ?? "";
            var value = Json(a, "Json", owner, new FieldLocations(false), $"[AslField(\"{name}\")]");
            if (value is null) continue;
            extras.Add(new ExtraField(name, value));
            locations.Add(prefix + name, a.LocationOf("Json"));
        }
        return extras.ToEquatableArray();
    }
}
