using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// Remembers parsed machines by what determines them, so that a compilation that differs only
/// elsewhere does not bind every attribute of every machine again.
/// </summary>
/// <remarks>
/// <para>Why: <c>ForAttributeWithMetadataName</c> runs its transform again for every [StateMachine]
/// class whenever the compilation changes (a new compilation has a new semantic model), and the
/// transform's cost is the compiler binding the machine's attributes (about 70% of a generator run,
/// see docs/performance.md). In the IDE that meant every keystroke anywhere re-bound all machines.</para>
/// <para>Soundness: a memoized result is reused only when its key captures everything the parse can
/// depend on: the machine's declaration text, the headers and usings around it, its file's parse
/// options, the compilation's global usings, options and references (Flowstate.dll by module version
/// id), and the fact that no source declares an attribute class with a Flowstate attribute's name, a
/// type with the name of another Flowstate type (LambdaErrors, QueryLanguage, ...) or a namespace
/// named Flowstate. A machine whose attributes could depend on anything else (an identifier that is not a
/// literal, a Flowstate type's member, or a typeof of a state declared inside the machine; a base
/// list; a type parameter; an alias; several partial declarations; an attribute not named like a
/// Flowstate attribute) is never memoized: it is parsed
/// every time, as before. Failures are never memoized. The memo holds no Roslyn object (only
/// strings and parsed models), is bounded, and lives as long as the analyzer assembly is loaded
/// (the compiler server or the IDE process), where it also makes a rebuild after a one-file edit
/// cheap.</para>
/// </remarks>
internal static class MachineMemo
{
    /// <summary>Above this many key characters held, the memo starts over (about 32 MB).</summary>
    private const long MaxHeldChars = 16_000_000;

    private static readonly object s_gate = new();
    private static Dictionary<Key, FlowstateGenerator.ParsedMachine> s_memo = new();
    private static long s_heldChars;

    private static readonly ConditionalWeakTable<Compilation, Environment> s_environments = new();
    private static readonly ConditionalWeakTable<SyntaxNode, Declaration> s_declarations = new();
    private static readonly ConditionalWeakTable<SyntaxTree, string> s_globalUsings = new();

    /// <summary>Forgets everything (benchmarks measure cold runs with it; tests isolate with it).</summary>
    internal static void Clear()
    {
        lock (s_gate)
        {
            s_memo = new Dictionary<Key, FlowstateGenerator.ParsedMachine>();
            s_heldChars = 0;
        }
    }

    /// <summary>The memo key of a [StateMachine] match, or null when its parse may depend on more than the key says.</summary>
    public static Key? KeyOf(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
    {
        if (syntax.TargetSymbol is not INamedTypeSymbol machine) return null;
        if (machine.DeclaringSyntaxReferences.Length != 1 || machine.TypeParameters.Length > 0) return null;
        for (var t = machine.ContainingType; t is not null; t = t.ContainingType)
            if (t.DeclaringSyntaxReferences.Length != 1 || t.TypeParameters.Length > 0) return null;
        if (syntax.TargetNode is not TypeDeclarationSyntax node) return null;

        var environment = s_environments.GetValue(syntax.SemanticModel.Compilation, Environment.Create);
        if (environment.Text is null) return null;
        cancellationToken.ThrowIfCancellationRequested();
        var names = environment.FlowstateNames!;
        var declaration = s_declarations.GetValue(node, n => Declaration.Create((TypeDeclarationSyntax)n, names));
        // Scanned against another Flowstate.dll's names (an upgrade while the IDE runs): scan again, uncached.
        if (!ReferenceEquals(declaration.FlowstateNames, names)) declaration = Declaration.Create(node, names);
        if (declaration.Text is null) return null;
        return new Key(environment.Text, declaration.Text, declaration.Hash);
    }

    /// <summary>A Flowstate type that is not an attribute (LambdaErrors, QueryLanguage): its members are named as Type.Member.</summary>
    private static bool IsValueTypeName(string name, HashSet<string> flowstateNames)
        => flowstateNames.Contains(name) && !name.EndsWith("Attribute", StringComparison.Ordinal) && !flowstateNames.Contains(name + "Attribute");

    /// <summary>Memo hits on the calling thread (tests check that an unrelated edit reuses the parse).</summary>
    [ThreadStatic]
    private static int t_hits;

    internal static int HitsOnThisThread => t_hits;

    public static bool TryGet(Key key, out FlowstateGenerator.ParsedMachine? machine)
    {
        bool found;
        lock (s_gate) found = s_memo.TryGetValue(key, out machine);
        if (found) t_hits++;
        return found;
    }

    public static void Add(Key key, FlowstateGenerator.ParsedMachine machine)
    {
        if (machine.Failure is not null) return;
        lock (s_gate)
        {
            if (s_memo.ContainsKey(key)) return;
            var size = key.Environment.Length + key.Declaration.Length;
            if (s_heldChars + size > MaxHeldChars)
            {
                s_memo = new Dictionary<Key, FlowstateGenerator.ParsedMachine>();
                s_heldChars = 0;
            }
            s_memo.Add(key, machine);
            s_heldChars += size;
        }
    }

    /// <summary>What a parse depends on: the compilation-wide part and the declaration's part (hash precomputed).</summary>
    internal readonly struct Key : IEquatable<Key>
    {
        public Key(string environment, string declaration, int declarationHash)
        {
            Environment = environment;
            Declaration = declaration;
            _hash = unchecked(declarationHash * 31 + StringComparer.Ordinal.GetHashCode(environment));
        }

        private readonly int _hash;
        public string Environment { get; }
        public string Declaration { get; }

        public bool Equals(Key other)
            => _hash == other._hash
               && string.Equals(Declaration, other.Declaration, StringComparison.Ordinal)
               && string.Equals(Environment, other.Environment, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => _hash;
    }

    /// <summary>The compilation-wide inputs of every parse, or a null text when nothing may be memoized.</summary>
    private sealed class Environment
    {
        private Environment(string? text, HashSet<string>? flowstateNames)
        {
            Text = text;
            FlowstateNames = flowstateNames;
        }

        public string? Text { get; }

        /// <summary>Top-level type names of the Flowstate namespace, attribute names also without "Attribute".</summary>
        public HashSet<string>? FlowstateNames { get; }

        private static readonly Environment None = new(null, null);

        // One name set per Flowstate.dll, so that declarations scanned against it can be reused.
        private static readonly Dictionary<Guid, HashSet<string>> s_namesByModule = new();

        public static Environment Create(Compilation compilation)
        {
            var attribute = compilation.GetTypeByMetadataName(FlowstateSymbols.StateMachineAttributeMetadataName);
            // Flowstate.dll from metadata, identified by its module version id; a source or project
            // reference (Flowstate's own repository in the IDE) can change under us: never memoize.
            if (attribute?.ContainingModule.GetMetadata() is not { } module) return None;
            var mvid = module.GetModuleVersionId();
            HashSet<string>? names;
            lock (s_namesByModule)
            {
                if (!s_namesByModule.TryGetValue(mvid, out names))
                {
                    names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var type in attribute.ContainingNamespace.GetTypeMembers())
                    {
                        names.Add(type.Name);
                        if (type.Name.EndsWith("Attribute", StringComparison.Ordinal)) names.Add(type.Name.Substring(0, type.Name.Length - "Attribute".Length));
                    }
                    s_namesByModule[mvid] = names;
                }
            }
            // A source type with a Flowstate type's name, or a source namespace Flowstate, can change
            // what a name in an attribute means from another file.
            if (compilation.ContainsSymbolsWithName("Flowstate", SymbolFilter.Namespace)) return None;
            foreach (var name in names)
            {
                if (!compilation.ContainsSymbolsWithName(name, SymbolFilter.Type)) continue;
                // LambdaErrors, QueryLanguage, ...: a source type by that name changes what X.Member means.
                if (IsValueTypeName(name, names)) return None;
                // A state class named Wait or Retry is fine: an attribute name looks up attribute classes
                // only, and passes over any other type. A source attribute class by that name is not.
                foreach (var symbol in compilation.GetSymbolsWithName(name, SymbolFilter.Type))
                    if (symbol is INamedTypeSymbol type && FlowstateSymbols.IsAttributeClass(type)) return None;
            }

            var sb = new StringBuilder();
            sb.Append("flowstate ").Append(attribute.ContainingAssembly.Identity.GetDisplayName()).Append(' ').Append(mvid.ToString("N")).Append('\n');
            var options = compilation.Options;
            sb.Append("options ").Append(options.CheckOverflow).Append(' ').Append(options.NullableContextOptions).Append('\n');
            foreach (var reference in compilation.ReferencedAssemblyNames) sb.Append(reference.GetDisplayName()).Append('\n');
            foreach (var tree in compilation.SyntaxTrees)
            {
                var usings = s_globalUsings.GetValue(tree, GlobalUsings);
                if (usings.Length == 0) continue;
                if (usings[0] == '!') return None;
                sb.Append(usings);
            }
            return new Environment(sb.ToString(), names);
        }

        /// <summary>The file's global using directives as text; "!" when one is an alias (too much to follow).</summary>
        private static string GlobalUsings(SyntaxTree tree)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit) return "";
            StringBuilder? sb = null;
            foreach (var u in unit.Usings)
            {
                if (u.GlobalKeyword.IsKind(SyntaxKind.None)) continue;
                if (u.Alias is not null) return "!";
                (sb ??= new StringBuilder()).Append(u.ToString()).Append('\n');
            }
            return sb?.ToString() ?? "";
        }
    }

    /// <summary>One machine declaration's part of the key: its text and context, or a null text when it is not self-contained.</summary>
    private sealed class Declaration
    {
        private Declaration(string? text, HashSet<string> flowstateNames)
        {
            Text = text;
            FlowstateNames = flowstateNames;
            Hash = text is null ? 0 : StringComparer.Ordinal.GetHashCode(text);
        }

        public string? Text { get; }
        public HashSet<string> FlowstateNames { get; }
        public int Hash { get; }

        public static Declaration Create(TypeDeclarationSyntax machine, HashSet<string> flowstateNames)
        {
            if (!IsSelfContained(machine, flowstateNames)) return new Declaration(null, flowstateNames);
            var sb = new StringBuilder();
            var options = (CSharpParseOptions)machine.SyntaxTree.Options;
            sb.Append("parse ").Append(options.LanguageVersion).Append(' ').Append(string.Join(",", options.PreprocessorSymbolNames)).Append('\n');
            // The context around the declaration, innermost last: namespaces with their usings, containing types' headers.
            var context = new List<string>();
            for (SyntaxNode? n = machine.Parent; n is not null; n = n.Parent)
            {
                switch (n)
                {
                    case TypeDeclarationSyntax type:
                        if (type.BaseList is not null || type.TypeParameterList is not null) return new Declaration(null, flowstateNames);
                        context.Add(type.Modifiers.ToString() + " " + type.Keyword.Text + " " + type.Identifier.Text);
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        if (!UsingsText(ns.Externs, ns.Usings, out var nsUsings)) return new Declaration(null, flowstateNames);
                        context.Add("namespace " + ns.Name + "\n" + nsUsings);
                        break;
                    case CompilationUnitSyntax unit:
                        if (!UsingsText(unit.Externs, unit.Usings, out var unitUsings)) return new Declaration(null, flowstateNames);
                        context.Add(unitUsings);
                        break;
                    default:
                        return new Declaration(null, flowstateNames);
                }
            }
            for (var i = context.Count - 1; i >= 0; i--) sb.Append(context[i]).Append('\n');
            sb.Append(machine.ToString());
            return new Declaration(sb.ToString(), flowstateNames);
        }

        private static bool UsingsText(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings, out string text)
        {
            text = "";
            if (externs.Count > 0) return false;
            var sb = new StringBuilder();
            foreach (var u in usings)
            {
                if (u.Alias is not null) return false;
                sb.Append(u.ToString()).Append('\n');
            }
            text = sb.ToString();
            return true;
        }

        /// <summary>
        /// Whether the attributes inside <paramref name="machine"/> can only mean what its text and the
        /// environment say: no base lists or type parameters inside, and every argument of a Flowstate
        /// attribute built from literals, Flowstate types' members and typeof of types declared in scope
        /// inside the machine.
        /// </summary>
        private static bool IsSelfContained(TypeDeclarationSyntax machine, HashSet<string> flowstateNames)
        {
            if (machine.BaseList is not null || machine.TypeParameterList is not null) return false;
            foreach (var node in machine.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case BaseTypeDeclarationSyntax type when type != machine:
                        if (type.BaseList is not null) return false;
                        if (type is TypeDeclarationSyntax { TypeParameterList: not null }) return false;
                        break;
                    case AttributeSyntax attribute:
                        if (attribute.Name is not IdentifierNameSyntax name) return false;
                        // Not named like a Flowstate attribute: it may still derive from one (a user's
                        // TaskStateAttribute), declared in another file that can change. Not self-contained.
                        if (!flowstateNames.Contains(name.Identifier.ValueText)) return false;
                        if (attribute.ArgumentList is null) continue;
                        var scope = InScopeTypeNames(attribute, machine);
                        foreach (var argument in attribute.ArgumentList.Arguments)
                            if (!IsConstant(argument.Expression, scope, flowstateNames)) return false;
                        break;
                }
            }
            return true;
        }

        /// <summary>
        /// Type names a simple name in an attribute argument finds inside the machine: those declared
        /// directly in the attributed class and in every class around it up to the machine (attribute
        /// arguments of a class are bound in its own scope, so its nested types come first), and the
        /// machine's own name. A name found there binds there, whatever is declared outside.
        /// </summary>
        private static HashSet<string> InScopeTypeNames(AttributeSyntax attribute, TypeDeclarationSyntax machine)
        {
            var names = new HashSet<string>(StringComparer.Ordinal) { machine.Identifier.ValueText };
            if (attribute.Parent?.Parent is not TypeDeclarationSyntax owner) return names;
            for (SyntaxNode? n = owner; n is not null; n = n.Parent)
            {
                if (n is TypeDeclarationSyntax container)
                    foreach (var member in container.Members)
                        if (member is BaseTypeDeclarationSyntax nested) names.Add(nested.Identifier.ValueText);
                if (n == machine) break;
            }
            return names;
        }

        private static bool IsConstant(ExpressionSyntax expression, HashSet<string> scope, HashSet<string> flowstateNames)
        {
            switch (expression)
            {
                case LiteralExpressionSyntax:
                    return true;
                case ParenthesizedExpressionSyntax p:
                    return IsConstant(p.Expression, scope, flowstateNames);
                case PrefixUnaryExpressionSyntax u:
                    return IsConstant(u.Operand, scope, flowstateNames);
                case BinaryExpressionSyntax b:
                    return IsConstant(b.Left, scope, flowstateNames) && IsConstant(b.Right, scope, flowstateNames);
                case CastExpressionSyntax c:
                    return c.Type is PredefinedTypeSyntax && IsConstant(c.Expression, scope, flowstateNames);
                case TypeOfExpressionSyntax t:
                    return LeftmostName(t.Type) is { } typeName && scope.Contains(typeName);
                case MemberAccessExpressionSyntax m:
                    // LambdaErrors.ServiceException, IntegrationPattern.Sync: a member of a Flowstate type that is no attribute.
                    return m.IsKind(SyntaxKind.SimpleMemberAccessExpression)
                           && m.Expression is IdentifierNameSyntax type && IsValueTypeName(type.Identifier.ValueText, flowstateNames)
                           && !scope.Contains(type.Identifier.ValueText);
                case ImplicitArrayCreationExpressionSyntax a:
                    return a.Initializer.Expressions.All(e => IsConstant(e, scope, flowstateNames));
                case ArrayCreationExpressionSyntax a:
                    return a.Type.ElementType is PredefinedTypeSyntax
                           && (a.Initializer is null || a.Initializer.Expressions.All(e => IsConstant(e, scope, flowstateNames)));
                case CollectionExpressionSyntax c:
                    return c.Elements.All(e => e is ExpressionElementSyntax x && IsConstant(x.Expression, scope, flowstateNames));
                default:
                    return false;
            }
        }

        private static string? LeftmostName(TypeSyntax type)
            => type switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                QualifiedNameSyntax q => LeftmostName(q.Left),
                _ => null,
            };
    }
}
