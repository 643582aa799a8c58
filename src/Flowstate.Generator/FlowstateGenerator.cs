using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Flowstate.Core.Graphs;
using Flowstate.Core.Asl;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Emitting;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.Generator;

/// <summary>
/// Generates, for every <c>[StateMachine]</c> class, its Amazon States Language definition
/// (<c>AslJson</c>) and <c>Definition</c>; a manifest of all of them; and, on request, a Main.
/// It reports nothing but FLOW0001 (an internal failure caught here): the declaration problems are
/// the analyzers' to report, so that they show in the IDE even while the generator is cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlowstateGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each [StateMachine] class, parsed without locations: the model then depends only on what
        // the attributes say, so an edit elsewhere in the file yields an equal model and a cache hit.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                FlowstateSymbols.StateMachineAttributeMetadataName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, ct) => ParsedMachine.Create(syntax, ct))
            .WithTrackingName(TrackingNames.ParseStateMachine);

        var machines = parsed
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.RemoveNulls);

        // The text of each machine's file, rendered in a cached step so that a failure is known
        // before the manifest refers to the machine's Definition.
        var rendered = machines
            .Select(static (m, ct) => RenderedMachine.Create(m, ct))
            .WithTrackingName(TrackingNames.RenderStateMachine);

        context.RegisterSourceOutput(rendered, static (spc, machine) => machine.AddTo(spc));

        // The manifest needs only names and types, not the models, and is sorted for stable output.
        var manifest = rendered
            .Select(static (m, _) => m.ManifestEntry)
            .WithTrackingName(TrackingNames.ManifestEntry)
            .Collect()
            .Select(static (entries, _) => CSharpWriter.SortManifest(entries.Where(e => e is not null).Select(e => e!)))
            .WithTrackingName(TrackingNames.Manifest);

        // [assembly: FlowstateEntryPoint], found syntactically like any other attribute and reduced to
        // a bool; the compilation itself never enters the pipeline.
        var hasEntryPoint = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                FlowstateSymbols.EntryPointAttributeMetadataName,
                static (node, _) => node is CompilationUnitSyntax,
                static (_, _) => true)
            .WithTrackingName(TrackingNames.EntryPointAttribute)
            .Collect()
            .Select(static (found, _) => !found.IsEmpty)
            .WithTrackingName(TrackingNames.HasEntryPoint);

        // The command modules (deploy, run, ...) of the Flowstate libraries the project references,
        // reduced to their type names: the generated Main registers them. Only this small equatable
        // fact leaves the compilation.
        var commandModules = context.CompilationProvider
            .Select(static (c, ct) => CommandModules.Find(c, ct))
            .WithTrackingName(TrackingNames.CommandModules);

        var assemblyOutputs = manifest.Combine(hasEntryPoint).Combine(commandModules).WithTrackingName(TrackingNames.AssemblyOutputs);
        context.RegisterSourceOutput(assemblyOutputs, static (spc, outputs) => AddAssemblyOutputs(spc, outputs.Left.Left, outputs.Left.Right, outputs.Right));

        // Deployment: each machine with its deployment model, ASL object and derived role statements
        // (cached per machine), the [assembly: Flowstate*] declarations reduced to a value, and the
        // stacks' templates written from both. A change to one machine rewrites the templates, never
        // the other machines' steps.
        var templateMachines = machines
            .Select(static (m, ct) => TemplateMachineStep.Create(m, ct))
            .WithTrackingName(TrackingNames.TemplateMachine);

        var assemblyDeployment = context.CompilationProvider
            .Select(static (c, ct) => DeploymentParser.ParseAssembly(c.Assembly, ct))
            .WithTrackingName(TrackingNames.AssemblyDeployment);

        var stacks = templateMachines
            .Collect()
            .Combine(assemblyDeployment)
            .Select(static (pair, ct) => StackTemplates.Create(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.StackTemplates);

        // The stacks file takes each definition from its machine's AslJson (see TemplateSplices), so it also needs
        // the manifest: the machines whose file was rendered, that the manifest can reach.
        context.RegisterSourceOutput(stacks.Combine(manifest), static (spc, pair) => pair.Left.AddTo(spc, pair.Right));

        // CloudFormation's limits and duplicate logical ids (FLOW7012-7014, FLOW7018), found where the
        // templates are written. The findings hold no positions (StackTemplates is cached across edits that
        // move code); the compilation places them on the [assembly: FlowstateStack] or the class, and only
        // when there is a finding, so without one this step stays Unchanged and its output cached.
        var stackDiagnostics = stacks
            .Combine(context.CompilationProvider)
            .Select(static (pair, ct) => StackDiagnostics.Locate(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.StackDiagnostics);

        context.RegisterSourceOutput(stackDiagnostics, static (spc, d) => d.Report(spc));
    }

    private static void AddAssemblyOutputs(SourceProductionContext context, EquatableArray<ManifestEntry> manifest, bool hasEntryPoint, EquatableArray<string> commandModules)
    {
        try
        {
            context.AddSource(CSharpWriter.ManifestHintName, SourceText.From(CSharpWriter.EmitManifest(manifest), Encoding.UTF8));
            if (hasEntryPoint)
                context.AddSource(CSharpWriter.EntryPointHintName, SourceText.From(CSharpWriter.EmitEntryPoint(commandModules), Encoding.UTF8));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, "the assembly manifest", Describe(e)));
        }
    }

    /// <summary>"InvalidOperationException: message", without a final period (the FLOW0001 message adds its own).</summary>
    internal static string Describe(Exception e) => e.GetType().Name + ": " + e.Message.TrimEnd('.', ' ');

    /// <summary>The parse of one [StateMachine] class: its model and deployment model, or why parsing failed. Value-equatable.</summary>
    internal sealed record ParsedMachine(string DisplayName, StateMachineSpec? Spec, string? Failure, bool IsListable = true, MachineDeploymentSpec? Deployment = null)
    {
        public static ParsedMachine? Create(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
        {
            // The transform runs for every machine on every compilation change; a machine whose text and
            // surroundings are as before gets its earlier model without binding its attributes again.
            var mode = SyntaxAttributeReader.TestModeOnThisThread;
            if (mode == SyntaxAttributeReader.TestMode.BoundWithoutMemo) return CreateUncached(syntax, null, cancellationToken);
            MachineMemo.Key? key;
            try
            {
                key = MachineMemo.KeyOf(syntax, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                key = null; // the memo is an optimisation: without it, parse as always
            }
            if (key is { } known && mode == SyntaxAttributeReader.TestMode.Default && MachineMemo.TryGet(known, out var remembered)) return remembered;
            ParsedMachine? parsed = null;
            // A self-contained machine (a memo key) is read from its syntax; anything the syntax reader
            // does not read exactly as the compiler would makes it bind, as for every other machine.
            if (key is not null) parsed = CreateFromSyntax(syntax, cancellationToken);
            else SyntaxAttributeReader.NoteFallback(syntax.TargetSymbol, "not self-contained (MachineMemo)");
            parsed ??= CreateUncached(syntax, null, cancellationToken);
            if (key is { } newKey && parsed is not null && mode == SyntaxAttributeReader.TestMode.Default) MachineMemo.Add(newKey, parsed);
            return parsed;
        }

        private static ParsedMachine? CreateFromSyntax(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
        {
            try
            {
                if (syntax.TargetSymbol is not INamedTypeSymbol machine || syntax.TargetNode is not TypeDeclarationSyntax declaration
                    || syntax.Attributes.FirstOrDefault()?.AttributeClass is not { } stateMachineAttribute) return null;
                var reader = SyntaxAttributeReader.TryCreate(syntax.SemanticModel.Compilation, machine, stateMachineAttribute, declaration, captureLocations: false, cancellationToken);
                if (reader is null) return null;
                var parsed = CreateUncached(syntax, reader, cancellationToken);
                if (parsed?.Failure is not null) return null; // let the bound attributes say what failed
                SyntaxAttributeReader.CountMachine();
                return parsed;
            }
            catch (SyntaxAttributeReader.UnsupportedException e)
            {
                SyntaxAttributeReader.NoteFallback(syntax.TargetSymbol, e.Message);
                return null;
            }
        }

        private static ParsedMachine? CreateUncached(GeneratorAttributeSyntaxContext syntax, AttributeSource? attributes, CancellationToken cancellationToken)
        {
            if (syntax.TargetSymbol is not INamedTypeSymbol machine) return null;
            var displayName = machine.ToDisplayString();
            try
            {
                // Attributes holds every matching attribute of the symbol in this syntax tree, so two
                // partial declarations in one file both see both: keep the one on this declaration.
                var attribute = syntax.Attributes.FirstOrDefault(a =>
                    a.ApplicationSyntaxReference is { } reference && syntax.TargetNode.Span.Contains(reference.Span));
                if (attribute is null || !IsFirstDeclaration(machine, attribute)) return null;
                var result = StateMachineParser.Parse(machine, attribute, captureLocations: false, cancellationToken, attributes);
                var spec = result.Spec;
                // Without partial everywhere the generated declaration would not compile; FLOW0002 (an
                // analyzer error) tells the user, and no output is better than a second, confusing error.
                if (spec?.Type is not { } type || !type.IsPartial || type.ContainingTypes.Any(t => !t.IsPartial)) return null;
                var deployment = DeploymentParser.Parse(machine, spec.Name, spec.WorkflowType, captureLocations: false, cancellationToken, attributes).Spec;
                return new ParsedMachine(displayName, spec, null, IsVisibleAndClosed(machine), deployment);
            }
            catch (SyntaxAttributeReader.UnsupportedException) when (attributes is not null)
            {
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new ParsedMachine(displayName, null, Describe(e));
            }
        }

        // The manifest is an internal class of the same assembly (FLOW0010 tells the user when it cannot list one).
        private static bool IsVisibleAndClosed(INamedTypeSymbol machine) => ManifestListing.WhyNotListed(machine) is null;

        // [StateMachine] on two partial declarations of one class (CS0579) would otherwise produce the
        // same file twice; only the first application counts.
        private static bool IsFirstDeclaration(INamedTypeSymbol machine, AttributeData attribute)
        {
            var first = machine.GetAttributes().FirstOrDefault(a =>
                string.Equals(a.AttributeClass?.ToDisplayString(), FlowstateSymbols.StateMachineAttributeMetadataName, StringComparison.Ordinal));
            if (first is null) return true;
            var a = first.ApplicationSyntaxReference;
            var b = attribute.ApplicationSyntaxReference;
            return a is null || b is null || (a.SyntaxTree == b.SyntaxTree && a.Span == b.Span);
        }
    }

    /// <summary>The generated file of one machine, or the failure to report. Value-equatable.</summary>
    internal sealed record RenderedMachine(string DisplayName, string? HintName, string? Source, string? Failure, ManifestEntry? ManifestEntry)
    {
        public static RenderedMachine Create(ParsedMachine machine, CancellationToken cancellationToken)
        {
            if (machine.Spec is not { Type: { } type } spec)
                return new RenderedMachine(machine.DisplayName, null, null, machine.Failure ?? "no model was produced", null);
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var asl = AslWriter.Write(spec);
                var mermaid = GraphWriter.ToMermaid(spec);
                var dot = GraphWriter.ToDot(spec);
                var source = CSharpWriter.EmitMachine(spec, asl, mermaid, dot);
                var entry = machine.IsListable ? new ManifestEntry(spec.Name, type.FullyQualifiedName) : null;
                return new RenderedMachine(machine.DisplayName, CSharpWriter.HintName(type), source, null, entry);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new RenderedMachine(machine.DisplayName, null, null, Describe(e), null);
            }
        }

        public void AddTo(SourceProductionContext context)
        {
            if (Failure is not null || HintName is null || Source is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, DisplayName, Failure ?? "no output was produced"));
                return;
            }
            context.AddSource(HintName, SourceText.From(Source, Encoding.UTF8));
        }
    }

    /// <summary>One machine as its stack's template needs it, or the failure that stopped it. Value-equatable.</summary>
    /// <param name="Splice">How the generated stacks file can take this machine's definition from its AslJson constant (null: it cannot).</param>
    internal sealed record TemplateMachineStep(string DisplayName, TemplateMachine? Machine, string? Failure, SpliceCandidate? Splice = null)
    {
        public static TemplateMachineStep Create(ParsedMachine machine, CancellationToken cancellationToken)
        {
            if (machine.Spec is not { } spec || machine.Deployment is not { } deployment)
                return new TemplateMachineStep(machine.DisplayName, null, null);
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var written = TemplateWriter.MachineFor(spec, deployment, MetadataName(spec.Type));
                // The constant's text as the machine's own file writes it (RenderedMachine), and the class only when
                // the manifest (an internal class of the assembly) can reach it: not private, protected or generic.
                var splice = new SpliceCandidate(
                    machine.IsListable ? spec.Type?.FullyQualifiedName : null,
                    AslWriter.Write(spec),
                    !TemplateWriter.HasIntrinsicKey(written.Definition));
                return new TemplateMachineStep(machine.DisplayName, written, null, splice);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new TemplateMachineStep(machine.DisplayName, null, Describe(e));
            }
        }

        // "Demo.Outer+Orders": what Compilation.GetTypeByMetadataName finds, so that a stack finding can be placed on the class.
        private static string? MetadataName(TypeIdentity? type)
        {
            if (type is null) return null;
            var sb = new StringBuilder();
            if (!string.IsNullOrEmpty(type.Namespace)) sb.Append(type.Namespace).Append('.');
            foreach (var c in type.ContainingTypes) sb.Append(c.Name).Append('+');
            return sb.Append(type.Name).ToString();
        }
    }

    /// <summary>The templates of every stack of the assembly, or the failure that stopped them. Value-equatable.</summary>
    /// <param name="Splices">Per stack (same order as <paramref name="Stacks"/>), where its template holds definitions the generated C# takes from the AslJson constants.</param>
    internal sealed record StackTemplates(string AppName, EquatableArray<StackTemplate> Stacks, EquatableArray<string> Failures, EquatableArray<StackSplices> Splices = default)
    {
        public const string HintName = "FlowstateManifest.Stacks.g.cs";

        public static StackTemplates Create(ImmutableArray<TemplateMachineStep> machines, AssemblyDeploymentSpec assembly, CancellationToken cancellationToken)
        {
            var failures = machines.Where(m => m.Failure is not null).Select(m => m.DisplayName + ": " + m.Failure).ToList();
            try
            {
                var planned = TemplateWriter.PlanStacks(assembly, machines.Where(m => m.Machine is not null).Select(m => m.Machine!));
                var written = new List<StackTemplate>(planned.Count);
                // The stack checks (FLOW7012-7018) judge a deployment. An assembly that declares nothing about
                // deploying (no stack, parameter, topic, bucket or tag, and no machine with a schedule, trigger,
                // alarm, notification, role, logging, tracing, tags or [InStack]) still gets its default template,
                // but is not failed for it: `flowstate import --project` of many unrelated definitions must build
                // and export their ASL (the round trip), even though all of them in one stack would be over
                // CloudFormation's limits. Declaring any deployment attribute turns the checks on.
                var declaresDeployment = DeclaresDeployment(assembly, machines);
                var stepOf = new Dictionary<TemplateMachine, TemplateMachineStep>(ByReference.Instance);
                foreach (var m in machines)
                    if (m.Machine is not null && !stepOf.ContainsKey(m.Machine)) stepOf.Add(m.Machine, m);
                var splices = new List<StackSplices>(planned.Count);
                foreach (var stack in planned)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var template = TemplateWriter.Write(stack);
                    written.Add(declaresDeployment ? template : template with { Findings = default });
                    splices.Add(FindSplices(template.Json, stack, stepOf, cancellationToken));
                }
                return new StackTemplates(assembly.AssemblyName, written.ToEquatableArray(), failures.ToEquatableArray(), splices.ToEquatableArray());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add("the stack templates: " + Describe(e));
                return new StackTemplates(assembly.AssemblyName, default, failures.ToEquatableArray());
            }
        }

        // Splicing only shortens the generated C#: when it cannot be done, the template is one literal as before.
        private static StackSplices FindSplices(string json, StackTemplateInput stack, Dictionary<TemplateMachine, TemplateMachineStep> stepOf, CancellationToken cancellationToken)
        {
            try
            {
                var candidates = new List<SpliceCandidate>(stack.Machines.Count);
                foreach (var m in stack.Machines)
                    candidates.Add(stepOf.TryGetValue(m, out var step) && step.Splice is { } c ? c : new SpliceCandidate(null, "", false));
                return TemplateSplices.Find(json, candidates, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new StackSplices(default);
            }
        }

        /// <summary>The TemplateMachine instances PlanStacks passed through, found by reference (value equality would compare whole definitions).</summary>
        private sealed class ByReference : IEqualityComparer<TemplateMachine>
        {
            public static readonly ByReference Instance = new();
            public bool Equals(TemplateMachine? x, TemplateMachine? y) => ReferenceEquals(x, y);
            public int GetHashCode(TemplateMachine obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private static bool DeclaresDeployment(AssemblyDeploymentSpec assembly, ImmutableArray<TemplateMachineStep> machines)
            => assembly.Stacks.Count > 0 || assembly.Parameters.Count > 0 || assembly.Topics.Count > 0 || assembly.Buckets.Count > 0 || assembly.Tags.Count > 0
               || machines.Any(m => m.Machine?.Deployment is { } d
                   && (d.Stack is not null || d.Schedules.Count > 0 || d.Triggers.Count > 0 || d.Alarms.Count > 0 || d.NotifyOnFailureTopic is not null
                       || d.Role.RoleArn is not null || d.Role.PermissionsBoundary is not null || d.Role.ExtraStatements.Count > 0 || d.Logging is not null || d.Tracing || d.Tags.Count > 0));

        /// <param name="manifest">The machines whose generated file (and so AslJson) exists and which the manifest reaches; only these are spliced.</param>
        public void AddTo(SourceProductionContext context, EquatableArray<ManifestEntry> manifest)
        {
            foreach (var failure in Failures)
            {
                var colon = failure.IndexOf(": ", StringComparison.Ordinal);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, failure.Substring(0, colon), failure.Substring(colon + 2)));
            }
            try
            {
                var rendered = new HashSet<string>(manifest.Select(e => e.FullyQualifiedTypeName), StringComparer.Ordinal);
                context.AddSource(HintName, SourceText.From(CSharpWriter.EmitStacks(AppName, Stacks, Splices, rendered), Encoding.UTF8));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, "the stack templates", Describe(e)));
            }
        }
    }
}
