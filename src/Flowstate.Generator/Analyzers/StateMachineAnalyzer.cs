using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;
using Flowstate.Core.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.Generator.Analyzers;

/// <summary>
/// Every Flowstate diagnostic on C# source: each [StateMachine] class is parsed once, with
/// locations, by the generator's own parser; the declaration problems it finds (FLOW0002..FLOW0009)
/// are reported, then <see cref="SpecValidator"/> runs over the model and its findings
/// (FLOW1001..FLOW6006) are reported on the attribute argument, or the characters inside a JSON
/// literal, they concern.
/// </summary>
/// <remarks>
/// <para>The rules do not run on a machine whose declaration lost part of its model (FLOW0003..FLOW0008:
/// invalid JSON, a typeof that is not a state, an invalid condition, conflicting or misplaced
/// declarations): what they would report describes the model with that part missing (a dropped
/// [When] makes its target look unreachable). FLOW0002 and FLOW0009 lose nothing, so the rules run.</para>
/// <para>Deployment placeholders: FLOW6005/FLOW6006 need the declared ${Name}s, read from the
/// analyzer config key <c>flowstate_placeholders</c> (.editorconfig or .globalconfig) or the MSBuild
/// property <c>FlowstatePlaceholders</c> made compiler-visible; names are separated by ',' ';' or
/// spaces. Without either, the two rules stay silent.</para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class StateMachineAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The .editorconfig/.globalconfig key listing the deployment placeholders the project declares.</summary>
    public const string PlaceholdersOption = "flowstate_placeholders";

    /// <summary>The MSBuild property (as a compiler-visible property) listing the declared deployment placeholders.</summary>
    public const string PlaceholdersProperty = "build_property.FlowstatePlaceholders";

    private static readonly ImmutableArray<DiagnosticDescriptor> s_supported =
        Descriptors.DeclarationRules.AddRange(Descriptors.RuleDescriptors).AddRange(DeploymentSupported());

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> s_byId =
        s_supported.ToImmutableDictionary(d => d.Id, StringComparer.Ordinal);

    // Declaration problems after which the model is missing what the declaration meant to say.
    private static readonly ImmutableHashSet<string> s_lossy = ImmutableHashSet.Create(StringComparer.Ordinal,
        DiagnosticIds.InvalidJson, DiagnosticIds.TargetNotAState, DiagnosticIds.InvalidCondition,
        DiagnosticIds.ConflictingProperties, DiagnosticIds.MultipleStateAttributes, DiagnosticIds.MisplacedDeclaration);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => s_supported;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation that does not reference Flowstate costs one lookup and nothing else.
            var attributeType = start.Compilation.GetTypeByMetadataName(FlowstateSymbols.StateMachineAttributeMetadataName);
            if (attributeType is null) return;
            var trees = new TreeIndex(start.Compilation);
            var unused = new UnusedPlaceholders();
            var names = new MachineNames();
            var deployment = new DeploymentState(start.Compilation, trees);
            start.RegisterSymbolAction(c => AnalyzeType(c, attributeType, trees, unused, names, deployment), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(unused.Report);
            start.RegisterCompilationEndAction(names.Report);
            start.RegisterSemanticModelAction(deployment.AnalyzeAssemblyDeclarations);
            start.RegisterCompilationEndAction(deployment.ReportUnusedParameters);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attributeType, TreeIndex trees, UnusedPlaceholders unused, MachineNames names, DeploymentState deployment)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = null;
        foreach (var candidate in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, attributeType))
            {
                attribute = candidate;
                break;
            }
        }
        if (attribute is null)
        {
            OrphanDeclarations.Check(context, type, attributeType);
            return;
        }

        try
        {
            var parse = StateMachineParser.Parse(type, attribute, captureLocations: true, context.CancellationToken);
            if (parse.Spec is { } parsed)
            {
                names.Add(parsed.Name, type, NameLocation(type, attribute));
                if (ManifestListing.WhyNotListed(type) is { } why)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Of(Rules.MachineNotListed), ClassNameLocation(type, attribute), parsed.Name, type.ToDisplayString(), why));
            }
            var lossy = false;
            foreach (var info in parse.Diagnostics)
            {
                Report(context, trees, type, info);
                lossy |= s_lossy.Contains(info.Id);
            }
            if (parse.Spec is null) return;

            var resolver = new LiteralResolver(trees);
            // The deployment around the machine (its class's [Schedule], [OnEvent], [Alarm], [Role], ...) is
            // checked even when the definition lost a part: the attributes do not depend on it.
            var machineDeployment = AnalyzeDeployment(context, trees, type, parse.Spec, resolver, deployment);
            if (lossy) return;

            var spec = EscapeHatchFields.Promote(parse.Spec, resolver.Resolve, context.CancellationToken);
            var configured = DeclaredPlaceholders(context.Options.AnalyzerConfigOptionsProvider, type);
            // An assembly that declares [assembly: FlowstateParameter]s declares its placeholders in C#: then an
            // undeclared one is FLOW7007 (error) and an unused parameter FLOW7008 (warning), instead of the
            // configured FLOW6005/FLOW6006. Without parameters, FLOW6005/FLOW6006 behave as before.
            var parameters = deployment.Assembly.DeclaresParameters;
            var options = new ValidationOptions
            {
                JsonLocations = resolver.Resolve,
                DeclaredPlaceholders = parameters ? deployment.KnownPlaceholders(configured) : configured,
            };
            var unusedHere = new List<string>();
            foreach (var info in SpecValidator.Validate(spec, options, context.CancellationToken))
            {
                // Placeholders are declared for the project, so "unused" is decided over all machines at the end.
                if (info.Id == DiagnosticIds.PlaceholderUnused) unusedHere.Add(info.MessageArgs[0]);
                else if (parameters && info.Id == DiagnosticIds.PlaceholderNotDeclared) deployment.ReportUndeclared(context, type, info);
                else Report(context, trees, type, info);
            }
            if (parameters) deployment.AddUsed(options.DeclaredPlaceholders!, unusedHere, machineDeployment);
            else if (options.DeclaredPlaceholders is { } declared) unused.Add(spec.Name, declared, unusedHere);
            if (machineDeployment is not null) AnalyzeRole(context, trees, type, spec, machineDeployment, resolver);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, type.Locations.FirstOrDefault() ?? Location.None,
                type.ToDisplayString(), FlowstateGenerator.Describe(e)));
        }
    }

    private static void Report(SymbolAnalysisContext context, TreeIndex trees, INamedTypeSymbol type, DiagnosticInfo info)
    {
        if (!s_byId.TryGetValue(info.Id, out var descriptor)) return;
        var location = ToLocation(trees, info.Location, type);
        if (info.Id == DiagnosticIds.InternalError)
        {
            // The validator's own FLOW0001 names the rule set that failed: [0] "validation (graph)", [1] the exception.
            var what = info.MessageArgs.Count > 0 ? $"{type.ToDisplayString()} ({info.MessageArgs[0]})" : type.ToDisplayString();
            var why = info.MessageArgs.Count > 1 ? info.MessageArgs[1].TrimEnd('.', ' ') : "unknown error";
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, what, why));
            return;
        }
        var args = new object?[info.MessageArgs.Count];
        for (var i = 0; i < args.Length; i++) args[i] = info.MessageArgs[i];
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));
    }

    private static Location ToLocation(TreeIndex trees, SourceRef reference, ISymbol fallback)
    {
        if (reference.IsKnown && trees.Find(reference.FilePath!) is { } tree
            && reference.Start >= 0 && reference.Length >= 0 && reference.Start + reference.Length <= tree.Length)
            return Location.Create(tree, new TextSpan(reference.Start, reference.Length));
        return fallback.Locations.FirstOrDefault() ?? Location.None;
    }

    private static IReadOnlyCollection<string>? DeclaredPlaceholders(AnalyzerConfigOptionsProvider provider, INamedTypeSymbol type)
    {
        string? value = null;
        var tree = type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
        if (tree is not null) provider.GetOptions(tree).TryGetValue(PlaceholdersOption, out value);
        if (value is null) provider.GlobalOptions.TryGetValue(PlaceholdersOption, out value);
        if (value is null) provider.GlobalOptions.TryGetValue(PlaceholdersProperty, out value);
        if (value is null) return null;
        return value.Split(new[] { ',', ';', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim())
            .Select(n => n.StartsWith("${", StringComparison.Ordinal) && n.EndsWith("}", StringComparison.Ordinal) ? n.Substring(2, n.Length - 3) : n)
            .Where(n => n.Length > 0)
            .ToArray();
    }

    // The identifier of the declaration that carries [StateMachine] (a partial class has several).
    private static Location ClassNameLocation(INamedTypeSymbol type, AttributeData attribute)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax
            && syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
            return declaration.Identifier.GetLocation();
        return type.Locations.FirstOrDefault() ?? Location.None;
    }

    // The explicit name argument ([StateMachine("x")] or Name = "x"), else the class name it defaults to.
    private static Location NameLocation(INamedTypeSymbol type, AttributeData attribute)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals is { } named ? named.Name.Identifier.ValueText == "Name" : argument.NameColon is null || argument.NameColon.Name.Identifier.ValueText == "name")
                    return argument.Expression.GetLocation();
            }
        }
        return ClassNameLocation(type, attribute);
    }

    /// <summary>
    /// FLOW0011 over the whole compilation: every machine whose name another machine has too (ordinally,
    /// or once case and Unicode normalization are ignored, as file systems on Windows and macOS do),
    /// reported on each of them, naming one other.
    /// </summary>
    private sealed class MachineNames
    {
        private readonly object _gate = new();
        private readonly List<(string Name, string Type, Location Location)> _machines = new();

        public void Add(string name, INamedTypeSymbol type, Location location)
        {
            lock (_gate) _machines.Add((name, type.ToDisplayString(), location));
        }

        public void Report(CompilationAnalysisContext context)
        {
            List<(string Name, string Type, Location Location)> machines;
            lock (_gate) machines = _machines.ToList();
            var groups = machines
                .GroupBy(m => SameFileKey(m.Name), StringComparer.Ordinal)
                .Where(g => g.Count() > 1);
            foreach (var group in groups)
            {
                // Deterministic partner: the first other machine by type name.
                var ordered = group.OrderBy(m => m.Type, StringComparer.Ordinal).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var m = ordered[i];
                    var other = ordered[i == 0 ? 1 : 0];
                    var how = string.Equals(other.Name, m.Name, StringComparison.Ordinal) ? ""
                        : string.Equals(other.Name, m.Name, StringComparison.OrdinalIgnoreCase) ? ", ignoring case"
                        : ", once case and Unicode normalization are ignored";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Of(Rules.DuplicateMachineName), m.Location, m.Name, m.Type, other.Name, other.Type, how));
                }
            }
        }

        private static string SameFileKey(string name)
        {
            try
            {
                return name.Normalize(System.Text.NormalizationForm.FormC).ToUpperInvariant();
            }
            catch (ArgumentException)
            {
                return name.ToUpperInvariant();
            }
        }
    }

    /// <summary>
    /// FLOW6006 over the whole compilation: a declared placeholder is unused only if no state machine
    /// uses it. Reported once, without a source location (the declaration lives in configuration).
    /// </summary>
    private sealed class UnusedPlaceholders
    {
        private readonly object _gate = new();
        private readonly SortedSet<string> _machines = new(StringComparer.Ordinal);
        private SortedSet<string>? _unused;

        public void Add(string machine, IReadOnlyCollection<string> declared, List<string> unusedInMachine)
        {
            lock (_gate)
            {
                _machines.Add(machine);
                _unused ??= new SortedSet<string>(declared, StringComparer.Ordinal);
                _unused.IntersectWith(unusedInMachine);
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            lock (_gate)
            {
                if (_unused is null) return;
                var machines = string.Join("', '", _machines);
                foreach (var name in _unused)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.PlaceholderUnused, Location.None, name, machines));
            }
        }
    }

    /// <summary>The compilation's syntax trees by file path, built once per compilation on first use.</summary>
    private sealed class TreeIndex
    {
        private readonly Lazy<Dictionary<string, SyntaxTree>> _byPath;

        public TreeIndex(Compilation compilation)
        {
            _byPath = new Lazy<Dictionary<string, SyntaxTree>>(() =>
            {
                var map = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
                foreach (var tree in compilation.SyntaxTrees)
                    if (!map.ContainsKey(tree.FilePath)) map.Add(tree.FilePath, tree);
                return map;
            }, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public SyntaxTree? Find(string path) => _byPath.Value.TryGetValue(path, out var tree) ? tree : null;
    }

    /// <summary>
    /// Places a position inside a C# payload: the field's location spans (or lies inside) the string
    /// literal the JSON was read from, and the JSON offsets count characters of that literal's value.
    /// One instance per machine, so the literal maps are built once each.
    /// </summary>
    private sealed class LiteralResolver
    {
        private readonly TreeIndex _trees;
        private readonly Dictionary<(string, int, int), (LiteralExpressionSyntax Literal, int[] Map)?> _maps = new();

        public LiteralResolver(TreeIndex trees) => _trees = trees;

        public SourceRef Resolve(SourceRef field, int offset, int length)
        {
            if (!field.IsKnown || _trees.Find(field.FilePath!) is not { } tree) return default;
            var key = (field.FilePath!, field.Start, field.Length);
            if (!_maps.TryGetValue(key, out var entry))
            {
                entry = Build(tree, new TextSpan(field.Start, field.Length));
                _maps.Add(key, entry);
            }
            if (entry is not { } found) return default;
            return LiteralMap.SpanOf(found.Literal, found.Map, offset, length) is { } span ? SourceRefs.From(tree, span) : default;
        }

        private static (LiteralExpressionSyntax, int[])? Build(SyntaxTree tree, TextSpan span)
        {
            if (span.End > tree.Length) return null;
            var node = tree.GetRoot().FindNode(span, getInnermostNodeForTie: true);
            for (var n = node; n is not null; n = n.Parent)
            {
                if (n is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    return LiteralMap.Build(literal) is { } map ? (literal, map) : null;
                if (n is AttributeSyntax) break;
            }
            return null;
        }
    }
}
