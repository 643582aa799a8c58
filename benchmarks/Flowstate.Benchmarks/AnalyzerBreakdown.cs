using System.Diagnostics;
using System.Globalization;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Benchmarks;

/// <summary>
/// <c>breakdown SET</c>: where the analyzer's own work goes, measured part by part on the machines of a set once
/// the compiler's declaration pass has bound every attribute (scenario 2b): the parse with locations, the validator
/// (each rule set on its own) and the whole analyzer, as milliseconds and bytes allocated per state. Allocations do
/// not depend on the machine's load, so they compare two builds of the analyzer where times on a shared machine
/// cannot. The validator runs here without the JSON location resolver the analyzer gives it (that part is in the
/// analyzer's total, with reporting and the deployment checks).
/// </summary>
public static class AnalyzerBreakdown
{
    private static readonly string[] s_rules = { "GraphRules", "FieldRules", "ChoiceRules", "RetryCatchRules", "PathRules", "NameAndLimitRules", "IntegrationRules", "BestPracticeRules" };

    public static int Run(string set, int rounds)
    {
        var workload = Workload.Get(set);
        var generated = Scenarios.GenerateCold(workload.Compilation).Output;
        var compilation = generated.Clone();
        compilation.GetDeclarationDiagnostics();
        var machines = new List<(INamedTypeSymbol Type, AttributeData Attribute)>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default); // a machine class is also declared by its generated part
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes(n => n is not TypeDeclarationSyntax || n.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax).OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type) continue;
                var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == FlowstateSymbols.StateMachineAttributeMetadataName);
                if (attribute is not null && seen.Add(type)) machines.Add((type, attribute));
            }
        }
        if (machines.Count != workload.Machines) throw new InvalidOperationException($"found {machines.Count} machines, expected {workload.Machines}");

        // The generator compiles the core's sources in: the parser's model is its copy, so the validator is reached there.
        var assembly = typeof(StateMachineParser).Assembly;
        var validate = assembly.GetType("Flowstate.Core.Validation.SpecValidator", throwOnError: true)!
            .GetMethods().Single(m => m.Name == "Validate" && m.GetParameters().Length == 2);
        var optionsType = assembly.GetType("Flowstate.Core.Validation.ValidationOptions", throwOnError: true)!;
        var contextType = assembly.GetType("Flowstate.Core.Validation.ValidationContext", throwOnError: true)!;
        var rules = s_rules.Select(r => (Name: r, Run: assembly.GetType("Flowstate.Core.Validation." + r, throwOnError: true)!.GetMethod("Run")!)).ToList();

        var states = (double)workload.TotalStates;
        var rows = new Dictionary<string, List<(double Ms, long Bytes)>>();
        void Add(string part, double ms, long bytes)
        {
            if (!rows.TryGetValue(part, out var list)) rows.Add(part, list = new());
            list.Add((ms, bytes));
        }

        for (var round = 0; round <= rounds; round++) // round 0 warms up (JIT), not reported
        {
            var specs = new List<object>();
            var sw = Stopwatch.StartNew();
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var (type, attribute) in machines)
                specs.Add(StateMachineParser.Parse(type, attribute, captureLocations: true, CancellationToken.None).Spec ?? throw new InvalidOperationException(type + " did not parse"));
            if (round > 0) Add("parse with locations", sw.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);

            sw.Restart();
            before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var spec in specs) validate.Invoke(null, new[] { spec, CancellationToken.None });
            if (round > 0) Add("validator (all rule sets, sorted findings)", sw.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);

            var contexts = specs.Select(spec => Activator.CreateInstance(contextType, spec, Activator.CreateInstance(optionsType)!, CancellationToken.None)!).ToList();
            foreach (var (name, run) in rules)
            {
                sw.Restart();
                before = GC.GetAllocatedBytesForCurrentThread();
                foreach (var context in contexts) run.Invoke(null, new[] { context });
                if (round > 0) Add("  " + name, sw.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            var prepared = Scenarios.AfterCompiler.Prepare(generated);
            sw.Restart();
            before = GC.GetTotalAllocatedBytes(precise: true);
            var (diagnostics, _) = Scenarios.AfterCompiler.Run(prepared);
            if (round > 0) Add("whole analyzer, after the compiler's declaration pass (2b)", sw.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before);
            Report.CheckAnalyzed(workload, diagnostics);

            var empty = Scenarios.AfterCompiler.PrepareEmpty(generated);
            sw.Restart();
            before = GC.GetTotalAllocatedBytes(precise: true);
            Scenarios.AfterCompiler.Run(empty);
            if (round > 0) Add("the same with an empty analyzer (compiler's method-body pass + driver: the floor)", sw.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Console.WriteLine($"# Analyzer breakdown on {set} ({states:N0} states, {machines.Count} machines), {rounds} rounds (best of), load {Report.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| part | ms (min) | ms (median) | bytes allocated per state (min) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (part, list) in rows)
            Console.WriteLine($"| {part} | {Report.F(list.Min(r => r.Ms))} | {Report.F(Report.Median(list.Select(r => r.Ms).ToList()))} | {(list.Min(r => r.Bytes) / states).ToString("N0", CultureInfo.InvariantCulture)} |");
        return 0;
    }
}
