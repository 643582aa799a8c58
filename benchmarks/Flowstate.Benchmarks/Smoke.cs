using Microsoft.CodeAnalysis;

namespace Flowstate.Benchmarks;

/// <summary>
/// The dry run for CI: every benchmark class's setup and operation once, on the small sets, with
/// the checks the benchmarks rely on (the generator produced every file, the synthetic machines
/// raise no FLOW error, the CLI commands ran). Measures nothing.
/// </summary>
public static class Smoke
{
    public static int Run()
    {
        foreach (var set in new[] { "1x25", "10x25" })
        {
            var generator = new GeneratorBenchmarks { Set = set };
            generator.Setup();
            var output = generator.Generate();
            Report.CheckGenerated(Workload.Get(set), output);
            Expect(FloorGenerator.RunCold(Workload.Get(set).Compilation) == Workload.Get(set).Machines, $"{set}: the floor generator did not find every machine");
            // The synthetic machines are self-contained: the generator must read them all from syntax (the fast path).
            Expect(Scenarios.LastColdRunMachinesFromSyntax == Workload.Get(set).Machines,
                $"{set}: the generator read {Scenarios.LastColdRunMachinesFromSyntax} of {Workload.Get(set).Machines} machines from syntax");

            var analyzers = new AnalyzerBenchmarks { Set = set };
            analyzers.Setup();
            var all = analyzers.Analyze();
            analyzers.PrepareAfterCompiler();
            var afterCompiler = analyzers.AnalyzeAfterCompiler();
            // The compiler's declaration pass first must not change what the analyzers report.
            analyzers.PrepareEmpty();
            Expect(analyzers.EmptyAnalyzerAfterCompiler() == 0, $"{set}: the empty analyzer reported something");
            Expect(afterCompiler == all, $"{set}: the analyzers reported {all} diagnostics on a fresh compilation and {afterCompiler} after the compiler's declaration pass");
            Console.WriteLine($"smoke {set}: generator and analyzers ran ({Workload.Get(set).TotalStates} states)");
        }

        var ide = new Scenarios.IdeSession(Workload.Get(10, 25));
        for (var i = 0; i < 2; i++)
        {
            Expect(ide.EditInside().All(d => d.Severity != DiagnosticSeverity.Error), "an edit inside a machine raised an error");
            Expect(ide.EditOutside().IsEmpty, "an edit outside any machine raised a diagnostic");
        }
        ide.AlsoAfterCompiler = true;
        Expect(ide.EditInside().All(d => d.Severity != DiagnosticSeverity.Error) && ide.LastAnalyzerAfterCompilerMs > 0, "an edit inside a machine (analyzer after the compiler's pass) failed");
        Console.WriteLine("smoke ide: edits inside and outside a machine ran");

        var cli = new CliBenchmarks();
        cli.Setup();
        var validate = cli.Validate();
        Expect(validate is 0 or 1, $"flowstate validate exited with {validate}");
        var import = cli.Import();
        Expect(import == 0, $"flowstate import exited with {import}");
        Console.WriteLine($"smoke cli: validate ({validate}) and import ({import}) over {Workload.CorpusFiles.Count} corpus files ran");

        // The local runner's benchmark: both executions once, checked (RunChecked throws unless SUCCEEDED),
        // and the node side once (it must succeed on the same machine and mocks).
        var runner = new RunnerBenchmarks();
        runner.Setup();
        var synthetic = runner.Synthetic25States();
        var map = runner.Map10000Items();
        Expect(map.OutputNode!["count"]!.GetValue<int>() == RunnerScenarios.MapItems, $"the Map returned {map.OutputJson}");
        var node = RunnerScenarios.RunNode(RunnerScenarios.SyntheticDefinition(), RunnerScenarios.SyntheticInput, null)[0]!;
        Expect((string?)node["status"] == "SUCCEEDED", $"aws-local-stepfunctions on the 25-state machine: {node.ToJsonString()}");
        // Both tools enter the same states (its Choice skips one, so not all 25 are entered); as a multiset,
        // because the states of concurrent Parallel branches interleave in no defined order.
        var nodeStates = node["states"]!.AsArray().Select(n => (string?)n).ToList();
        Expect(nodeStates.OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(synthetic.StatesEntered.OrderBy(n => n, StringComparer.Ordinal)), $"the tools entered different states: Flowstate.Local [{string.Join(", ", synthetic.StatesEntered)}], aws-local-stepfunctions [{string.Join(", ", nodeStates)}]");
        Console.WriteLine($"smoke runner: 25-state machine ({synthetic.StatesEntered.Count} states entered, node agrees: SUCCEEDED) and a 10,000-item Map ran");

        var plain = Report.PlainCompilation(Workload.Get(1, 25));
        Report.EmitOrThrow(plain);
        Console.WriteLine("smoke: every scenario ran and was checked");
        return 0;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException("smoke: " + message);
    }
}
