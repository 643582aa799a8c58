using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Model;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flowstate.Generator.Analyzers;

/// <summary>
/// The deployment declared around each state machine, checked as you type: the class's [Schedule],
/// [OnS3ObjectCreated], [OnEvent], [Alarm], [NotifyOnFailure], [Role], [RolePolicyStatement], [Logging],
/// [InStack] and [StartExecution(StateMachine = typeof(X))] are read by the generator's own
/// <see cref="DeploymentParser"/> with locations (FLOW0003, FLOW7002, 7005, 7006, 7009 while reading),
/// then <see cref="DeploymentRules"/> checks them against the [assembly: Flowstate*] declarations
/// (FLOW7001, 7003, 7004, 7010, 7015-7017, and the grammar of schedules, dates, time zones and event
/// patterns, FLOW7101-7111, on the characters inside the string literal). The role the template derives
/// from the Task states is checked by <see cref="IamDerivation"/> (FLOW7120-7122, on the argument).
/// </summary>
/// <remarks>
/// Placeholders: an assembly with [assembly: FlowstateParameter]s declares its ${Name}s in C#. Then a
/// ${Name} that is neither a parameter, a declared topic's ARN (${TopicArn}), a declared bucket, a
/// [StateMachine] class of the assembly (${ClassArn}) nor a pseudo parameter (${AWS::Region}) is FLOW7007,
/// and a parameter no machine uses is FLOW7008 (at compilation end, on its declaration).
/// Stack-wide limits (FLOW7012-7014, FLOW7018) are not reported here.
/// </remarks>
public sealed partial class StateMachineAnalyzer
{
    /// <summary>
    /// The deployment rules this analyzer reports: the FLOW70xx ids below and every FLOW71xx. A method, not a
    /// field: the supported list (another part of this class) is built from it, and the order in which static
    /// initializers of different files of a partial class run is not defined.
    /// </summary>
    private static ImmutableArray<DiagnosticDescriptor> DeploymentSupported()
        => new[]
            {
                DiagnosticIds.UnknownTopic, DiagnosticIds.ConflictingTargetInput, DiagnosticIds.SchedulerOnlyOption,
                DiagnosticIds.InvalidScheduleDate, DiagnosticIds.DeploymentValueOutOfRange, DiagnosticIds.IncompleteInputTransformer,
                DiagnosticIds.PlaceholderNotAParameter, DiagnosticIds.ParameterUnused, DiagnosticIds.InvalidDeploymentName,
                DiagnosticIds.UnknownStack, DiagnosticIds.StartedMachineNotInStack, DiagnosticIds.RoleArnWithRoleOptions,
                DiagnosticIds.InvalidPolicyStatement, DiagnosticIds.BucketNeedsEventBridge,
            }
            .Select(id => Descriptors.Find(id)!).Concat(Descriptors.DeploymentSyntaxRules).ToImmutableArray();

    /// <summary>Checks the deployment attributes of one machine's class; returns its deployment model (null when it could not be read).</summary>
    private static MachineDeploymentSpec? AnalyzeDeployment(SymbolAnalysisContext context, TreeIndex trees, INamedTypeSymbol type, StateMachineSpec spec, LiteralResolver resolver, DeploymentState state)
    {
        var parse = DeploymentParser.Parse(type, spec.Name, spec.WorkflowType, captureLocations: true, context.CancellationToken);
        foreach (var info in parse.Diagnostics) Report(context, trees, type, info);
        var machine = parse.Spec;
        foreach (var info in DeploymentRules.Check(machine, state.Assembly, resolver.Resolve)) Report(context, trees, type, info);
        foreach (var reference in machine.StartedMachines) CheckStartedMachine(context, trees, type, machine, reference, state);
        if (state.Assembly.DeclaresParameters)
        {
            foreach (var (text, where, field) in DeploymentRules.PlaceholderStrings(machine))
                foreach (var name in TemplateWriter.PlaceholdersIn(text).Distinct(StringComparer.Ordinal))
                    if (!state.IsKnown(name))
                        Report(context, trees, type, new DiagnosticInfo(DiagnosticIds.PlaceholderNotAParameter, machine.LocationOf(field), EquatableArray.Create(name, where)));
        }
        return machine;
    }

    /// <summary>FLOW7120-7122: what the derived role cannot scope or cannot derive (not for a machine that brings its own role).</summary>
    private static void AnalyzeRole(SymbolAnalysisContext context, TreeIndex trees, INamedTypeSymbol type, StateMachineSpec spec, MachineDeploymentSpec machine, LiteralResolver resolver)
    {
        if (machine.Role.RoleArn is not null) return;
        foreach (var info in IamDerivation.Findings(spec, new IamOptions { MachineName = machine.MachineName, JsonLocations = resolver.Resolve }))
            Report(context, trees, type, info);
    }

    /// <summary>FLOW7011: the target of StateMachine = typeof(X) must be a [StateMachine] class deployed in the same stack.</summary>
    private static void CheckStartedMachine(SymbolAnalysisContext context, TreeIndex trees, INamedTypeSymbol type, MachineDeploymentSpec machine, MachineReference reference, DeploymentState state)
    {
        var at = machine.LocationOf(reference.Field);
        if (!reference.IsStateMachine)
        {
            Report(context, trees, type, new DiagnosticInfo(DiagnosticIds.StartedMachineNotInStack, at, EquatableArray.Create(
                reference.LogicalId, reference.StateName, "is not a [StateMachine] class; name a state machine of this assembly, or give its ARN")));
            return;
        }
        if (FindStarted(type, reference, context.CancellationToken) is not { } target) return;
        string? targetStack = null;
        foreach (var attribute in target.GetAttributes())
            if (string.Equals(FlowstateSymbols.ShortName(attribute.AttributeClass), "InStack", StringComparison.Ordinal))
                targetStack = new AttributeArguments(attribute, false, context.CancellationToken).String("Stack");
        var mine = DeploymentRules.StackOf(machine.Stack, state.Assembly);
        var theirs = DeploymentRules.StackOf(targetStack, state.Assembly);
        if (!string.Equals(mine, theirs, StringComparison.Ordinal))
        {
            Report(context, trees, type, new DiagnosticInfo(DiagnosticIds.StartedMachineNotInStack, at, EquatableArray.Create(
                target.Name, reference.StateName,
                $"is deployed in stack '{theirs}' and this machine in '{mine}'; a template wires only machines of its own stack: put both in one stack with [InStack], or give StateMachineArn")));
        }
    }

    private static INamedTypeSymbol? FindStarted(INamedTypeSymbol type, MachineReference reference, System.Threading.CancellationToken ct)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var attribute in nested.GetAttributes())
            {
                if (!string.Equals(FlowstateSymbols.ShortName(attribute.AttributeClass), "StartExecution", StringComparison.Ordinal)) continue;
                if (new AttributeArguments(attribute, false, ct).Type("StateMachine") is INamedTypeSymbol t
                    && string.Equals(LogicalIds.Of(t.Name), reference.LogicalId, StringComparison.Ordinal)) return t;
            }
            if (FindStarted(nested, reference, ct) is { } inner) return inner;
        }
        return null;
    }

    /// <summary>Per compilation: the assembly's deployment declarations and which parameters the machines use.</summary>
    private sealed class DeploymentState
    {
        private readonly Compilation _compilation;
        private readonly TreeIndex _trees;
        private readonly Lazy<AssemblyDeploymentSpec> _assembly;
        private readonly object _gate = new();
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _machineTypes = new(StringComparer.Ordinal);

        public DeploymentState(Compilation compilation, TreeIndex trees)
        {
            _compilation = compilation;
            _trees = trees;
            _assembly = new Lazy<AssemblyDeploymentSpec>(() => DeploymentParser.ParseAssembly(compilation.Assembly, default), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public AssemblyDeploymentSpec Assembly => _assembly.Value;

        /// <summary>The names the validator may take as declared: parameters, topics' ARNs, buckets, and the configured list.</summary>
        public IReadOnlyCollection<string> KnownPlaceholders(IReadOnlyCollection<string>? configured)
        {
            var names = new List<string>();
            names.AddRange(Assembly.Parameters.Select(p => p.Name));
            names.AddRange(Assembly.Topics.Select(t => t.ArnPlaceholder));
            names.AddRange(Assembly.Buckets.Select(b => b.Name));
            if (configured is not null) names.AddRange(configured);
            return names.Distinct(StringComparer.Ordinal).ToArray();
        }

        /// <summary>True when the template binds ${name} to something other than a new, undeclared parameter.</summary>
        public bool IsKnown(string name)
            => Assembly.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal))
               || DeploymentRules.IsBoundWithoutParameter(name, Assembly)
               || IsMachineArn(name);

        // ${XArn}: the ARN of [StateMachine] class X of this assembly (LogicalIds.MachineArnPlaceholder).
        private bool IsMachineArn(string name)
        {
            if (!name.EndsWith("Arn", StringComparison.Ordinal) || name.Length <= 3) return false;
            lock (_gate)
                if (_machineTypes.TryGetValue(name, out var known)) return known;
            var className = name.Substring(0, name.Length - 3);
            var found = false;
            foreach (var symbol in _compilation.GetSymbolsWithName(className, SymbolFilter.Type))
            {
                if (symbol is INamedTypeSymbol t && t.GetAttributes().Any(a => string.Equals(a.AttributeClass?.ToDisplayString(), FlowstateSymbols.StateMachineAttributeMetadataName, StringComparison.Ordinal)))
                {
                    found = true;
                    break;
                }
            }
            lock (_gate) _machineTypes[name] = found;
            return found;
        }

        /// <summary>The validator's FLOW6005 (args: field, "state 'X'", name) as FLOW7007, unless the name is a machine's ARN.</summary>
        public void ReportUndeclared(SymbolAnalysisContext context, INamedTypeSymbol type, DiagnosticInfo info)
        {
            if (info.MessageArgs.Count < 3) return;
            var name = info.MessageArgs[2];
            if (IsKnown(name)) return;
            Report(context, _trees, type, new DiagnosticInfo(DiagnosticIds.PlaceholderNotAParameter, info.Location,
                EquatableArray.Create(name, info.MessageArgs[0] + " of " + info.MessageArgs[1])));
        }

        /// <summary>Records the parameters one machine uses: the declared names its definition uses, and every ${Name} of its deployment.</summary>
        public void AddUsed(IReadOnlyCollection<string> declared, List<string> unusedInDefinition, MachineDeploymentSpec? machine)
        {
            var used = declared.Except(unusedInDefinition, StringComparer.Ordinal).ToList();
            if (machine is not null)
                foreach (var (text, _, _) in DeploymentRules.PlaceholderStrings(machine))
                    used.AddRange(TemplateWriter.PlaceholdersIn(text));
            lock (_gate) _used.UnionWith(used);
        }

        /// <summary>FLOW7008 at compilation end, on the Name argument of each [assembly: FlowstateParameter] no machine uses.</summary>
        public void ReportUnusedParameters(CompilationAnalysisContext context)
        {
            try
            {
                if (!Assembly.DeclaresParameters) return;
                HashSet<string> used;
                lock (_gate) used = new HashSet<string>(_used, StringComparer.Ordinal);
                var stacks = Assembly.Stacks.Count > 0 ? string.Join("', '", Assembly.Stacks.Select(s => s.Name)) : DeploymentRules.StackOf(null, Assembly);
                foreach (var attribute in _compilation.Assembly.GetAttributes())
                {
                    if (!string.Equals(FlowstateSymbols.ShortName(attribute.AttributeClass), "FlowstateParameter", StringComparison.Ordinal)) continue;
                    var a = new AttributeArguments(attribute, true, context.CancellationToken);
                    if (a.String("Name") is not { } name || used.Contains(name)) continue;
                    var location = ToLocation(_trees, a.LocationOf("Name"), _compilation.Assembly);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Find(DiagnosticIds.ParameterUnused)!, location, name, stacks));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, "the assembly's deployment parameters", FlowstateGenerator.Describe(e)));
            }
        }

        /// <summary>FLOW7009 on the names of [assembly: FlowstateStack/Parameter/Topic/Bucket] declared in this document (as you type).</summary>
        public void AnalyzeAssemblyDeclarations(SemanticModelAnalysisContext context)
        {
            try
            {
                var tree = context.SemanticModel.SyntaxTree;
                foreach (var attribute in _compilation.Assembly.GetAttributes())
                {
                    if (attribute.ApplicationSyntaxReference?.SyntaxTree != tree) continue;
                    var shortName = FlowstateSymbols.ShortName(attribute.AttributeClass);
                    if (shortName is not ("FlowstateStack" or "FlowstateParameter" or "FlowstateTopic" or "FlowstateBucket")) continue;
                    var a = new AttributeArguments(attribute, true, context.CancellationToken);
                    if (a.String("Name") is not { } name) continue;
                    string? why = null;
                    if (shortName == "FlowstateStack")
                    {
                        if (!LogicalIds.IsValidStackName(name)) why = "is not a CloudFormation stack name: start with a letter, then letters, digits and hyphens, at most 128 characters";
                    }
                    else if (!LogicalIds.IsValid(name))
                    {
                        why = "becomes a CloudFormation logical id: use letters and digits only, at most 255 characters";
                    }
                    if (why is null) continue;
                    var location = ToLocation(_trees, a.LocationOf("Name"), _compilation.Assembly);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Find(DiagnosticIds.InvalidDeploymentName)!, location,
                        shortName.Substring("Flowstate".Length) + " name", name, why));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, "the assembly's deployment declarations", FlowstateGenerator.Describe(e)));
            }
        }
    }
}
