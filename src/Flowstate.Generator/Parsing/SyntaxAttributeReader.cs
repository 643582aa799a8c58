using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// Reads the Flowstate attributes of a machine's classes from their syntax, giving the parser the
/// same values the compiler would bind, without binding them.
/// </summary>
/// <remarks>
/// <para>Why: binding the attributes is most of a cold generator run (69% in the profile of
/// docs/performance.md: 17,500 attribute applications on 200 machines x 25 states), and the
/// generator's compilation is not the one the compiler emits, so every attribute was bound twice per
/// build. Flowstate's attribute arguments are almost always literals, Flowstate constants and enum
/// members, and typeof of the machine's own state classes: values a few lines can read exactly.</para>
/// <para>Soundness: the generator uses this only for a machine <see cref="MachineMemo"/> calls
/// self-contained (every attribute inside it is a Flowstate attribute named by a simple name, every
/// argument a literal, a Flowstate member or a typeof of a state declared in scope; no aliases, base
/// lists, type parameters; no source type with a Flowstate type's name), and only when the name
/// lookup can only find Flowstate's attributes (<see cref="ImportsAreClean"/>). Anything else it
/// meets (an overload it cannot choose, a conversion it does not know, a type it cannot find) throws
/// <see cref="UnsupportedException"/>, and the generator parses that machine from the bound attributes
/// as before. The analyzers and code fixes always use the bound attributes. Tests compare both
/// readers' models on every golden, sample and corpus machine.</para>
/// </remarks>
internal sealed class SyntaxAttributeReader : AttributeSource
{
    private readonly INamespaceSymbol _flowstate;
    private readonly INamedTypeSymbol _machine;
    private readonly bool _capture;
    private readonly CancellationToken _ct;
    private readonly FlowstateTypes _types;
    private readonly Dictionary<INamedTypeSymbol, IReadOnlyList<AttributeUse>> _read = new(SymbolEqualityComparer.Default);

    private SyntaxAttributeReader(INamespaceSymbol flowstate, INamedTypeSymbol machine, bool capture, CancellationToken ct)
    {
        _flowstate = flowstate;
        _machine = machine;
        _types = s_types.GetValue(flowstate, ns => new FlowstateTypes(ns));
        _capture = capture;
        _ct = ct;
    }

    /// <summary>Thrown for anything this reader does not read exactly as the compiler would; the caller binds instead.</summary>
    internal sealed class UnsupportedException : Exception
    {
        public UnsupportedException(string reason) : base(reason) { }
    }

    /// <summary>Machines the generator read from syntax on this thread (tests check the fast path was taken).</summary>
    [ThreadStatic]
    private static int t_machinesRead;

    internal static int MachinesReadOnThisThread => t_machinesRead;

    internal static void CountMachine() => t_machinesRead++;

    /// <summary>Why machines on this thread were bound instead, when a test collects it (tests print it when the fast path was not taken).</summary>
    [ThreadStatic]
    private static List<string>? t_fallbacks;

    internal static List<string>? FallbacksOnThisThread
    {
        get => t_fallbacks;
        set => t_fallbacks = value;
    }

    internal static void NoteFallback(ISymbol? machine, string reason) => t_fallbacks?.Add((machine?.Name ?? "?") + ": " + reason);

    /// <summary>How tests that compare this reader with the bound attributes run the generator (on the calling thread).</summary>
    internal enum TestMode
    {
        /// <summary>As in a build: the memo, then this reader where it applies, else the bound attributes.</summary>
        Default,
        /// <summary>Every machine from the bound attributes, no memo: the reference.</summary>
        BoundWithoutMemo,
        /// <summary>This reader where it applies, no memo (so that every machine is really read).</summary>
        SyntaxWithoutMemo,
    }

    [ThreadStatic]
    private static TestMode t_mode;

    internal static TestMode TestModeOnThisThread
    {
        get => t_mode;
        set => t_mode = value;
    }

    /// <summary>A reader for the machine <paramref name="machine"/>, or null when its attributes' names could mean something else than Flowstate's.</summary>
    public static SyntaxAttributeReader? TryCreate(Compilation compilation, INamedTypeSymbol machine, INamedTypeSymbol stateMachineAttribute, TypeDeclarationSyntax declaration, bool captureLocations, CancellationToken cancellationToken)
    {
        if (t_mode == TestMode.BoundWithoutMemo) return null;
        // The compilation's Flowstate namespace (merged over every reference), where [Task] is looked up.
        var flowstate = compilation.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(n => string.Equals(n.Name, "Flowstate", StringComparison.Ordinal));
        if (flowstate is null || !FlowstateSymbols.IsFlowstateNamespace(stateMachineAttribute.ContainingNamespace)) { NoteFallback(machine, "no Flowstate namespace"); return null; }
        if (!ImportsAreClean(compilation, machine, declaration, flowstate)) { NoteFallback(machine, "the imports can find other attributes by Flowstate's names"); return null; }
        return new SyntaxAttributeReader(flowstate, machine, captureLocations, cancellationToken);
    }

    // ---- name lookup ---------------------------------------------------------------------------

    private static readonly ConditionalWeakTable<Compilation, Imports> s_imports = new();

    /// <summary>Per compilation: the global usings, and which namespaces hold an attribute class with a Flowstate attribute's name.</summary>
    private sealed class Imports
    {
        public Imports(Compilation compilation)
        {
            Compilation = compilation;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is not CompilationUnitSyntax unit) continue;
                foreach (var u in unit.Usings)
                    if (!u.GlobalKeyword.IsKind(SyntaxKind.None)) GlobalUsings.Add(u);
            }
        }

        public Compilation Compilation { get; }
        public List<UsingDirectiveSyntax> GlobalUsings { get; } = new();
        private readonly Dictionary<INamespaceSymbol, bool> _clashes = new(SymbolEqualityComparer.Default);

        /// <summary>True when <paramref name="ns"/> declares an attribute class that a Flowstate attribute name would also find.</summary>
        public bool Clashes(INamespaceSymbol ns, HashSet<string> flowstateAttributeNames)
        {
            lock (_clashes)
            {
                if (_clashes.TryGetValue(ns, out var known)) return known;
            }
            var clash = false;
            foreach (var type in ns.GetTypeMembers())
            {
                if (!flowstateAttributeNames.Contains(type.Name)) continue;
                if (FlowstateSymbols.IsAttributeClass(type)) { clash = true; break; }
            }
            lock (_clashes) _clashes[ns] = clash;
            return clash;
        }
    }

    private static readonly ConditionalWeakTable<INamespaceSymbol, HashSet<string>> s_attributeNames = new();

    /// <summary>"Task" and "TaskAttribute" for Flowstate.TaskAttribute: what [Task] looks up.</summary>
    private static HashSet<string> AttributeNames(INamespaceSymbol flowstate)
        => s_attributeNames.GetValue(flowstate, ns =>
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in ns.GetTypeMembers())
            {
                if (!type.Name.EndsWith("Attribute", StringComparison.Ordinal)) continue;
                names.Add(type.Name);
                names.Add(type.Name.Substring(0, type.Name.Length - "Attribute".Length));
            }
            return names;
        });

    /// <summary>
    /// Whether a simple attribute name inside the machine can only find a Flowstate attribute: Flowstate
    /// is imported (a using, a global using or an enclosing namespace), no using is static, and no
    /// namespace searched before or beside it (the enclosing ones and every imported one) declares an
    /// attribute class by one of Flowstate's attribute names. Source types by those names were already
    /// ruled out by <see cref="MachineMemo"/>.
    /// </summary>
    private static bool ImportsAreClean(Compilation compilation, INamedTypeSymbol machine, TypeDeclarationSyntax declaration, INamespaceSymbol flowstate)
    {
        var imports = s_imports.GetValue(compilation, c => new Imports(c));
        var names = AttributeNames(flowstate);
        var flowstateImported = false;

        for (var ns = machine.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace)
        {
            if (FlowstateSymbols.IsFlowstateNamespace(ns)) { flowstateImported = true; continue; }
            if (imports.Clashes(ns, names)) return false;
        }

        var usings = new List<UsingDirectiveSyntax>(imports.GlobalUsings);
        for (SyntaxNode? n = declaration.Parent; n is not null; n = n.Parent)
        {
            if (n is BaseNamespaceDeclarationSyntax nsDeclaration) usings.AddRange(nsDeclaration.Usings);
            else if (n is CompilationUnitSyntax unit) usings.AddRange(unit.Usings);
        }
        foreach (var u in usings)
        {
            if (u.Alias is not null || !u.StaticKeyword.IsKind(SyntaxKind.None)) return false;
            if (u.Name is null) return false;
            // Unresolved from the global namespace (a name relative to an enclosing namespace, or an error): bind instead.
            var ns = FindNamespace(compilation.GlobalNamespace, u.Name);
            if (ns is null) return false;
            if (FlowstateSymbols.IsFlowstateNamespace(ns)) { flowstateImported = true; continue; }
            if (imports.Clashes(ns, names)) return false;
        }
        return flowstateImported;
    }

    private static INamespaceSymbol? FindNamespace(INamespaceSymbol global, NameSyntax name)
    {
        switch (name)
        {
            case IdentifierNameSyntax id:
                return global.GetNamespaceMembers().FirstOrDefault(n => string.Equals(n.Name, id.Identifier.ValueText, StringComparison.Ordinal));
            case QualifiedNameSyntax q:
                var left = FindNamespace(global, q.Left);
                return left?.GetNamespaceMembers().FirstOrDefault(n => string.Equals(n.Name, q.Right.Identifier.ValueText, StringComparison.Ordinal));
            case AliasQualifiedNameSyntax a when a.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword):
                return FindNamespace(global, a.Name);
            default:
                return null;
        }
    }

    // ---- attributes ----------------------------------------------------------------------------

    public override IReadOnlyList<AttributeUse> Of(INamedTypeSymbol type)
    {
        // The machine parser and the deployment parser both walk the state classes: read each once.
        if (_read.TryGetValue(type, out var known)) return known;
        var read = ReadAll(type);
        _read[type] = read;
        return read;
    }

    private IReadOnlyList<AttributeUse> ReadAll(INamedTypeSymbol type)
    {
        _ct.ThrowIfCancellationRequested();
        var references = type.DeclaringSyntaxReferences;
        if (references.Length != 1) throw new UnsupportedException($"'{type.Name}' has {references.Length} declarations");
        if (references[0].GetSyntax(_ct) is not TypeDeclarationSyntax declaration) throw new UnsupportedException($"'{type.Name}' is not declared by a type declaration");
        List<AttributeUse>? result = null;
        foreach (var list in declaration.AttributeLists)
        {
            if (list.Target is { } target && !target.Identifier.IsKind(SyntaxKind.TypeKeyword)) throw new UnsupportedException("an attribute target other than type:");
            foreach (var attribute in list.Attributes)
                (result ??= new List<AttributeUse>()).Add(Read(attribute, type));
        }
        return (IReadOnlyList<AttributeUse>?)result ?? Array.Empty<AttributeUse>();
    }

    private AttributeUse Read(AttributeSyntax attribute, INamedTypeSymbol owner)
    {
        if (attribute.Name is not IdentifierNameSyntax name || name.Identifier.Text.StartsWith("@", StringComparison.Ordinal)) throw new UnsupportedException("a qualified or verbatim attribute name");
        var attributeClass = AttributeClass(name.Identifier.ValueText) ?? throw new UnsupportedException($"[{name.Identifier.ValueText}] is not a Flowstate attribute");
        var role = FlowstateSymbols.RoleOf(attributeClass);

        var positional = new List<AttributeArgumentSyntax>();
        var byParameterName = new List<AttributeArgumentSyntax>();
        var named = new List<KeyValuePair<string, ArgValue>>();
        if (attribute.ArgumentList is { } argumentList)
        {
            foreach (var argument in argumentList.Arguments)
            {
                if (argument.NameEquals is { } nameEquals)
                {
                    var property = nameEquals.Name.Identifier.ValueText;
                    var propertyType = _types.PropertyType(attributeClass, property) ?? throw new UnsupportedException($"no settable property {property}");
                    named.Add(new KeyValuePair<string, ArgValue>(property, Convert(Evaluate(argument.Expression, owner), propertyType)));
                }
                else if (argument.NameColon is not null)
                {
                    byParameterName.Add(argument);
                }
                else
                {
                    if (byParameterName.Count > 0) throw new UnsupportedException("a positional argument after a named one");
                    positional.Add(argument);
                }
            }
        }

        var (constructor, values) = ChooseConstructor(attributeClass, positional, byParameterName, owner);
        var args = new AttributeArguments(attributeClass, attribute, constructor.Parameters, values, named, _capture, _ct);
        return new AttributeUse(attributeClass, role, args);
    }

    private INamedTypeSymbol? AttributeClass(string name) => _types.AttributeClass(name);

    private static ITypeSymbol? FindPropertyType(INamedTypeSymbol attributeClass, string name)
    {
        for (var t = attributeClass; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers(name))
            {
                switch (member)
                {
                    case IPropertySymbol { IsStatic: false, SetMethod: { DeclaredAccessibility: Accessibility.Public } } p when p.DeclaredAccessibility == Accessibility.Public:
                        return p.Type;
                    case IFieldSymbol { IsStatic: false, IsReadOnly: false, IsConst: false, DeclaredAccessibility: Accessibility.Public } f:
                        return f.Type;
                    default:
                        return null;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The one public constructor the arguments fit (by position, by parameter name, params expanded
    /// or not, optional parameters defaulted, each value convertible); none or several: bind instead
    /// (the compiler's overload resolution decides, or reports).
    /// </summary>
    private (IMethodSymbol Constructor, ArgValue[] Values) ChooseConstructor(INamedTypeSymbol attributeClass, List<AttributeArgumentSyntax> positional, List<AttributeArgumentSyntax> byName, INamedTypeSymbol owner)
    {
        var evaluatedPositional = positional.Select(a => Evaluate(a.Expression, owner)).ToList();
        var evaluatedByName = byName.Select(a => (Name: a.NameColon!.Name.Identifier.ValueText, Value: Evaluate(a.Expression, owner))).ToList();
        (IMethodSymbol, ArgValue[])? chosen = null;
        foreach (var constructor in _types.Constructors(attributeClass))
        {
            foreach (var expanded in new[] { false, true })
            {
                if (TryFit(constructor, evaluatedPositional, evaluatedByName, expanded) is not { } values) continue;
                if (chosen is not null) throw new UnsupportedException($"several [{attributeClass.Name}] constructors fit");
                chosen = (constructor, values);
                break; // a constructor that fits in its normal form is not tried expanded (C# prefers the normal form)
            }
        }
        return chosen ?? throw new UnsupportedException($"no [{attributeClass.Name}] constructor fits");
    }

    private static ArgValue[]? TryFit(IMethodSymbol constructor, List<ArgValue> positional, List<(string Name, ArgValue Value)> byName, bool expanded)
    {
        var parameters = constructor.Parameters;
        var hasParams = parameters.Length > 0 && parameters[parameters.Length - 1].IsParams;
        if (expanded && !hasParams) return null;
        var values = new ArgValue?[parameters.Length];
        var fixedCount = expanded ? parameters.Length - 1 : parameters.Length;
        if (!expanded && positional.Count > parameters.Length) return null;
        for (var i = 0; i < positional.Count && i < fixedCount; i++)
            if (TryConvert(positional[i], parameters[i].Type) is { } v) values[i] = v; else return null;
        if (expanded)
        {
            var elementType = ((IArrayTypeSymbol)parameters[parameters.Length - 1].Type).ElementType;
            var items = ImmutableArray.CreateBuilder<ArgValue>();
            for (var i = fixedCount; i < positional.Count; i++)
                if (TryConvert(positional[i], elementType) is { } v) items.Add(v); else return null;
            values[parameters.Length - 1] = ArgValue.Array(items.ToImmutable(), parameters[parameters.Length - 1].Type);
            if (byName.Any(n => n.Name == parameters[parameters.Length - 1].Name)) return null;
        }
        foreach (var (name, value) in byName)
        {
            var index = -1;
            for (var i = 0; i < parameters.Length; i++) if (parameters[i].Name == name) index = i;
            if (index < 0 || values[index] is not null || index < positional.Count) return null;
            if (TryConvert(value, parameters[index].Type) is { } v) values[index] = v; else return null;
        }
        var result = new ArgValue[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (values[i] is { } given) { result[i] = given; continue; }
            var p = parameters[i];
            if (p.IsParams && !expanded) return null; // normal form needs the array itself
            if (!p.IsOptional || !p.HasExplicitDefaultValue) return null;
            result[i] = DefaultOf(p);
        }
        return result;
    }

    private static ArgValue DefaultOf(IParameterSymbol p)
    {
        var value = p.ExplicitDefaultValue;
        if (p.Type.TypeKind == TypeKind.Enum && value is not null) return ArgValue.Enum(value, p.Type);
        if (value is null && p.Type.TypeKind == TypeKind.Array) return ArgValue.Array(default, p.Type);
        if (value is null && IsSystemType(p.Type)) return ArgValue.TypeOf(null, p.Type);
        return ArgValue.Primitive(value, p.Type);
    }

    private static readonly ConditionalWeakTable<INamespaceSymbol, FlowstateTypes> s_types = new();

    /// <summary>
    /// What the reader asks of Flowstate's types, looked up once per compilation (its merged Flowstate
    /// namespace) instead of once per attribute: attribute classes by the names [X] looks up, public
    /// constructors, settable properties' types, and public constants. Thread-safe.
    /// </summary>
    private sealed class FlowstateTypes
    {
        private readonly INamespaceSymbol _ns;
        private readonly object _gate = new();
        private readonly Dictionary<string, INamedTypeSymbol?> _attributeClasses = new(StringComparer.Ordinal);
        private readonly Dictionary<INamedTypeSymbol, IMethodSymbol[]> _constructors = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<(INamedTypeSymbol, string), ITypeSymbol?> _properties = new();
        private readonly Dictionary<(string, string), ArgValue?> _constants = new();

        public FlowstateTypes(INamespaceSymbol ns) => _ns = ns;

        /// <summary>The attribute class [<paramref name="name"/>] finds: XAttribute or X, whichever is an attribute class (both: ambiguous, CS1614: bind instead).</summary>
        public INamedTypeSymbol? AttributeClass(string name)
        {
            lock (_gate)
            {
                if (_attributeClasses.TryGetValue(name, out var known)) return known;
                INamedTypeSymbol? found = null;
                var count = 0;
                foreach (var candidate in new[] { name, name + "Attribute" })
                    foreach (var type in _ns.GetTypeMembers(candidate))
                    {
                        if (type.Arity != 0 || !FlowstateSymbols.IsAttributeClass(type)) continue;
                        found = type;
                        count++;
                    }
                var result = count == 1 ? found : null;
                _attributeClasses[name] = result;
                return result;
            }
        }

        public IMethodSymbol[] Constructors(INamedTypeSymbol attributeClass)
        {
            lock (_gate)
            {
                if (_constructors.TryGetValue(attributeClass, out var known)) return known;
                var result = attributeClass.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToArray();
                _constructors[attributeClass] = result;
                return result;
            }
        }

        public ITypeSymbol? PropertyType(INamedTypeSymbol attributeClass, string name)
        {
            lock (_gate)
            {
                if (_properties.TryGetValue((attributeClass, name), out var known)) return known;
                var result = FindPropertyType(attributeClass, name);
                _properties[(attributeClass, name)] = result;
                return result;
            }
        }

        public ArgValue? Constant(string typeName, string memberName)
        {
            lock (_gate)
            {
                if (_constants.TryGetValue((typeName, memberName), out var known)) return known;
                ArgValue? result = null;
                var types = _ns.GetTypeMembers(typeName);
                if (types.Length == 1 && types[0].Arity == 0)
                {
                    var fields = types[0].GetMembers(memberName).OfType<IFieldSymbol>().ToList();
                    if (fields.Count == 1 && fields[0].HasConstantValue && fields[0].DeclaredAccessibility == Accessibility.Public)
                        result = types[0].TypeKind == TypeKind.Enum ? ArgValue.Enum(fields[0].ConstantValue!, types[0]) : ArgValue.Primitive(fields[0].ConstantValue, null);
                }
                _constants[(typeName, memberName)] = result;
                return result;
            }
        }
    }

    // ---- values --------------------------------------------------------------------------------

    /// <summary>The value of an argument expression before conversion to its parameter's or property's type (primitives carry no type yet).</summary>
    private ArgValue Evaluate(ExpressionSyntax expression, INamedTypeSymbol owner)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal:
                if (literal.IsKind(SyntaxKind.DefaultLiteralExpression)) throw new UnsupportedException("default");
                if (literal.IsKind(SyntaxKind.NullLiteralExpression)) return ArgValue.Primitive(null, null);
                return ArgValue.Primitive(literal.Token.Value ?? throw new UnsupportedException("a literal without a value"), null);
            case ParenthesizedExpressionSyntax p:
                return Evaluate(p.Expression, owner);
            case PrefixUnaryExpressionSyntax u:
                return Unary(u, Evaluate(u.Operand, owner));
            case BinaryExpressionSyntax b:
                return Binary(b, Evaluate(b.Left, owner), Evaluate(b.Right, owner));
            case CastExpressionSyntax c when c.Type is PredefinedTypeSyntax predefined:
                return ArgValue.Primitive(Cast(predefined.Keyword.Kind(), Evaluate(c.Expression, owner)), null);
            case TypeOfExpressionSyntax t:
                return ArgValue.TypeOf(ResolveType(t.Type, owner), null);
            case MemberAccessExpressionSyntax m when m.IsKind(SyntaxKind.SimpleMemberAccessExpression) && m.Expression is IdentifierNameSyntax typeName:
                return Member(typeName.Identifier.ValueText, m.Name);
            case ImplicitArrayCreationExpressionSyntax a:
                return ArgValue.Array(a.Initializer.Expressions.Select(e => Evaluate(e, owner)).ToImmutableArray(), null);
            case ArrayCreationExpressionSyntax a when a.Type.ElementType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword } && a.Type.RankSpecifiers.Count == 1:
                if (a.Initializer is null) throw new UnsupportedException("an array without initializer");
                return ArgValue.Array(a.Initializer.Expressions.Select(e => Evaluate(e, owner)).ToImmutableArray(), null);
            case CollectionExpressionSyntax c:
                return ArgValue.Array(c.Elements.Select(e => e is ExpressionElementSyntax x ? Evaluate(x.Expression, owner) : throw new UnsupportedException("a spread element")).ToImmutableArray(), null);
            default:
                throw new UnsupportedException("an expression of kind " + expression.Kind());
        }
    }

    private static ArgValue Unary(PrefixUnaryExpressionSyntax u, ArgValue operand)
    {
        if (operand.Kind != TypedConstantKind.Primitive) throw new UnsupportedException("a unary operator on a non-number");
        object? value = (u.Kind(), operand.Value) switch
        {
            (SyntaxKind.UnaryMinusExpression, int i) when i != int.MinValue => -i,
            (SyntaxKind.UnaryMinusExpression, double d) => -d,
            (SyntaxKind.UnaryPlusExpression, int i) => i,
            (SyntaxKind.UnaryPlusExpression, double d) => d,
            (SyntaxKind.LogicalNotExpression, bool b) => !b,
            _ => throw new UnsupportedException("a unary operator"),
        };
        return ArgValue.Primitive(value, null);
    }

    private static ArgValue Binary(BinaryExpressionSyntax b, ArgValue left, ArgValue right)
    {
        if (left.Kind != TypedConstantKind.Primitive || right.Kind != TypedConstantKind.Primitive)
            throw new UnsupportedException("an operator on a non-number");
        var kind = b.Kind();
        switch (left.Value, right.Value)
        {
            case (string l, string r) when kind == SyntaxKind.AddExpression:
                return ArgValue.Primitive(l + r, null);
            case (int l, int r):
                try
                {
                    return ArgValue.Primitive(kind switch
                    {
                        SyntaxKind.AddExpression => checked(l + r),
                        SyntaxKind.SubtractExpression => checked(l - r),
                        SyntaxKind.MultiplyExpression => checked(l * r),
                        _ => throw new UnsupportedException("an integer operator"),
                    }, null);
                }
                catch (OverflowException) { throw new UnsupportedException("an overflow"); }
            case (double l, double r):
                return ArgValue.Primitive(kind switch
                {
                    SyntaxKind.AddExpression => l + r,
                    SyntaxKind.SubtractExpression => l - r,
                    SyntaxKind.MultiplyExpression => l * r,
                    SyntaxKind.DivideExpression => l / r,
                    _ => throw new UnsupportedException("a double operator"),
                }, null);
            default:
                throw new UnsupportedException("an operator on these operands");
        }
    }

    private static object Cast(SyntaxKind keyword, ArgValue operand)
    {
        if (operand.Kind != TypedConstantKind.Primitive) throw new UnsupportedException("a cast of a non-number");
        return (keyword, operand.Value) switch
        {
            (SyntaxKind.IntKeyword, int i) => i,
            // A constant cast truncates toward zero; out of range it is a compile error (bind, the compiler reports it).
            (SyntaxKind.IntKeyword, double d) when !double.IsNaN(d) && d > int.MinValue - 1.0 && d < int.MaxValue + 1.0 => (int)d,
            (SyntaxKind.DoubleKeyword, int i) => (double)i,
            (SyntaxKind.DoubleKeyword, double d) => d,
            (SyntaxKind.StringKeyword, string s) => s,
            (SyntaxKind.BoolKeyword, bool v) => v,
            _ => throw new UnsupportedException("a cast"),
        };
    }

    /// <summary>LambdaErrors.ServiceException, QueryLanguage.Jsonata: a constant of a Flowstate type.</summary>
    private ArgValue Member(string typeName, SimpleNameSyntax memberName)
    {
        if (memberName is not IdentifierNameSyntax) throw new UnsupportedException("a generic member");
        return _types.Constant(typeName, memberName.Identifier.ValueText) ?? throw new UnsupportedException($"'{typeName}.{memberName.Identifier.ValueText}' is not a public constant of one Flowstate type");
    }

    /// <summary>typeof(X) or typeof(X.Y) inside the machine: X is declared in a class around the attributed class (innermost first).</summary>
    private ITypeSymbol ResolveType(TypeSyntax type, INamedTypeSymbol owner)
    {
        switch (type)
        {
            case IdentifierNameSyntax id:
                // A class's attribute arguments are bound in the class's own scope: its nested types first,
                // then those of each class around it, up to the machine; then the machine itself.
                for (var container = owner; container is not null; container = container.ContainingType)
                {
                    var found = container.GetTypeMembers(id.Identifier.ValueText);
                    if (found.Length == 1 && found[0].Arity == 0) return found[0];
                    if (found.Length > 0) break;
                    if (SymbolEqualityComparer.Default.Equals(container, _machine))
                    {
                        if (string.Equals(container.Name, id.Identifier.ValueText, StringComparison.Ordinal)) return container;
                        break;
                    }
                }
                throw new UnsupportedException($"typeof({id.Identifier.ValueText}) is not a class in scope inside the machine");
            case QualifiedNameSyntax q when q.Right is IdentifierNameSyntax right:
                var left = ResolveType(q.Left, owner);
                var members = ((INamedTypeSymbol)left).GetTypeMembers(right.Identifier.ValueText);
                if (members.Length == 1 && members[0].Arity == 0) return members[0];
                throw new UnsupportedException($"typeof(...{right.Identifier.ValueText}) is not found");
            default:
                throw new UnsupportedException("a typeof of this form");
        }
    }

    // ---- conversions ---------------------------------------------------------------------------

    private static ArgValue Convert(ArgValue value, ITypeSymbol target)
        => TryConvert(value, target) ?? throw new UnsupportedException($"a value for {target.ToDisplayString()}");

    /// <summary>The implicit conversion the compiler applies to an attribute argument, for the types Flowstate's attributes use; null when not convertible (or not known here).</summary>
    private static ArgValue? TryConvert(ArgValue value, ITypeSymbol target)
    {
        if (target is IArrayTypeSymbol array)
        {
            if (value.Kind == TypedConstantKind.Primitive && value.IsNull) return ArgValue.Array(default, target);
            if (value.Kind != TypedConstantKind.Array || value.Values.IsDefault) return null;
            var items = ImmutableArray.CreateBuilder<ArgValue>(value.Values.Length);
            foreach (var item in value.Values)
            {
                if (TryConvert(item, array.ElementType) is not { } converted) return null;
                items.Add(converted);
            }
            return ArgValue.Array(items.MoveToImmutable(), target);
        }
        if (IsSystemType(target))
        {
            if (value.Kind == TypedConstantKind.Type) return ArgValue.TypeOf(value.Value as ITypeSymbol, target);
            if (value.Kind == TypedConstantKind.Primitive && value.IsNull) return ArgValue.TypeOf(null, target);
            return null;
        }
        if (target.TypeKind == TypeKind.Enum)
        {
            return value.Kind == TypedConstantKind.Enum && SymbolEqualityComparer.Default.Equals(value.Type, target) ? ArgValue.Enum(value.Value!, target) : null;
        }
        if (value.Kind != TypedConstantKind.Primitive) return null;
        var v = value.Value;
        switch (target.SpecialType)
        {
            case SpecialType.System_String:
                return v is null || v is string ? ArgValue.Primitive(v, target) : null;
            case SpecialType.System_Int32:
                return v is int ? ArgValue.Primitive(v, target) : null;
            case SpecialType.System_Double:
                // The implicit numeric conversions to double (C# spec: from every integral type and float; not decimal).
                return v switch
                {
                    double d => ArgValue.Primitive(d, target),
                    int i => ArgValue.Primitive((double)i, target),
                    uint u => ArgValue.Primitive((double)u, target),
                    long l => ArgValue.Primitive((double)l, target),
                    ulong u => ArgValue.Primitive((double)u, target),
                    float f => ArgValue.Primitive((double)f, target),
                    _ => null,
                };
            case SpecialType.System_Boolean:
                return v is bool ? ArgValue.Primitive(v, target) : null;
            default:
                return null;
        }
    }

    private static bool IsSystemType(ITypeSymbol type)
        => type.Name == "Type" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
}
