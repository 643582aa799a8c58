using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Benchmarks;

/// <summary>
/// A quick Stopwatch harness over the same <see cref="Scenarios"/> as the BenchmarkDotNet classes:
/// each operation once cold (first call: JIT included), then <c>runs</c> times, median reported,
/// plus the bytes allocated per state. side-by-side.sh reads its JSON. It is not BenchmarkDotNet:
/// no pilot, no outlier removal; on a shared machine read it as ratios measured in one process.
/// </summary>
public static class Report
{
    public sealed record Measure(double FirstMs, double MedianMs, double MinMs, double CpuMs, long AllocatedBytes);

    public static int Run(string[] args)
    {
        var sets = Option(args, "--sets")?.Split(',') ?? new[] { "1x25", "10x25", "50x25", "200x25", "20x100" };
        var runs = int.Parse(Option(args, "--runs") ?? "7", CultureInfo.InvariantCulture);
        var json = Option(args, "--json");
        var withCli = !args.Contains("--no-cli");
        var withEmit = !args.Contains("--no-emit");

        var results = new Dictionary<string, object>();
        Console.WriteLine($"# Flowstate in-process report: {runs} runs per operation, median (first = JIT-cold), .NET {Environment.Version}, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| set | states | generator ms (first run) | generator ms | generator CPU ms | analyzers ms | analyzers CPU ms | analyzer time ms (telemetry) | (b) analyzers after the compiler's declaration pass ms | (b) CPU ms | (b) telemetry ms | (b) floor: an empty analyzer ms | (b) floor CPU ms | binding attributes alone ms | generator ms, memo warm (rebuild in compiler server) | gen alloc B/state | analyzer alloc B/state | (b) analyzer alloc B/state |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var set in sets)
        {
            var workload = Workload.Get(set);
            Compilation generated = null!;
            var gen = Time(runs, () => generated = Scenarios.GenerateCold(workload.Compilation).Output);
            CheckGenerated(workload, generated);
            var fromSyntax = Scenarios.LastColdRunMachinesFromSyntax;
            var analyzerTimes = new List<double>();
            var an = Time(runs, () =>
            {
                var (diagnostics, time) = Scenarios.Analyze(generated, logTime: true);
                analyzerTimes.Add(time.TotalMilliseconds);
                CheckAnalyzed(workload, diagnostics);
            });
            var telemetry = Median(analyzerTimes.Skip(1).ToList());
            // (b) The same analyzers once the compiler's own declaration pass has bound every declaration
            // and attribute of that compilation (untimed): what the analyzers add to a build.
            var afterTimes = new List<double>();
            var after = Time(runs, () => Scenarios.AfterCompiler.Prepare(generated, logTime: true), prepared =>
            {
                var (diagnostics, time) = Scenarios.AfterCompiler.Run(prepared);
                afterTimes.Add(time.TotalMilliseconds);
                CheckAnalyzed(workload, diagnostics);
            });
            var afterTelemetry = Median(afterTimes.Skip(1).ToList());
            // The floor of (b): the same run with an analyzer that does nothing (the compiler's method-body pass and the driver).
            var analyzerFloor = Time(runs, () => Scenarios.AfterCompiler.PrepareEmpty(generated), prepared => Scenarios.AfterCompiler.Run(prepared));
            var bind = Time(runs, () => Scenarios.BindAttributes(workload.Compilation));
            var floorFound = 0;
            var floor = Time(runs, () => floorFound = FloorGenerator.RunCold(workload.Compilation));
            if (floorFound != workload.Machines) throw new InvalidOperationException($"the floor generator found {floorFound} of {workload.Machines} machines");
            Scenarios.GenerateWithMemo(workload.Compilation);
            var memo = Time(runs, () => Scenarios.GenerateWithMemo(workload.Compilation));
            var states = workload.TotalStates;
            Console.WriteLine($"| {set} | {states} | {F(gen.FirstMs)} | {F(gen.MedianMs)} | {F(gen.CpuMs)} | {F(an.MedianMs)} | {F(an.CpuMs)} | {F(telemetry)} | {F(after.MedianMs)} | {F(after.CpuMs)} | {F(afterTelemetry)} | {F(analyzerFloor.MedianMs)} | {F(analyzerFloor.CpuMs)} | {F(bind.MedianMs)} | {F(memo.MedianMs)} | {gen.AllocatedBytes / states:N0} | {an.AllocatedBytes / states:N0} | {after.AllocatedBytes / states:N0} |");
            Console.Error.WriteLine($"{set}: the generator read {fromSyntax} of {workload.Machines} machines from syntax; Roslyn's floor (ForAttributeWithMetadataName finding them, nothing else, cold) {F(floor.MedianMs)} ms, CPU {F(floor.CpuMs)} ms");
            results[set] = new Dictionary<string, object>
            {
                ["states"] = states,
                ["machinesReadFromSyntax"] = fromSyntax,
                ["generatorFloorMs"] = floor.MedianMs,
                ["generatorFloorCpuMs"] = floor.CpuMs,
                ["generatorFirstMs"] = gen.FirstMs,
                ["generatorMs"] = gen.MedianMs,
                ["generatorMinMs"] = gen.MinMs,
                ["generatorCpuMs"] = gen.CpuMs,
                ["analyzersCpuMs"] = an.CpuMs,
                ["bindAttributesMs"] = bind.MedianMs,
                ["bindAttributesCpuMs"] = bind.CpuMs,
                ["generatorMemoWarmMs"] = memo.MedianMs,
                ["analyzersMs"] = an.MedianMs,
                ["analyzersMinMs"] = an.MinMs,
                ["analyzerTelemetryMs"] = telemetry,
                ["analyzersAfterCompilerMs"] = after.MedianMs,
                ["analyzersAfterCompilerMinMs"] = after.MinMs,
                ["analyzersAfterCompilerCpuMs"] = after.CpuMs,
                ["analyzersAfterCompilerTelemetryMs"] = afterTelemetry,
                ["emptyAnalyzerAfterCompilerMs"] = analyzerFloor.MedianMs,
                ["emptyAnalyzerAfterCompilerCpuMs"] = analyzerFloor.CpuMs,
                ["emptyAnalyzerAfterCompilerAllocBytesPerState"] = analyzerFloor.AllocatedBytes / states,
                ["generatorAllocBytesPerState"] = gen.AllocatedBytes / states,
                ["analyzerAllocBytesPerState"] = an.AllocatedBytes / states,
                ["analyzerAfterCompilerAllocBytesPerState"] = after.AllocatedBytes / states,
            };
        }

        // (3) The IDE loop on the largest 25-state set.
        var ideSet = sets.Contains("200x25") ? "200x25" : sets[^1];
        var ide = new Scenarios.IdeSession(Workload.Get(ideSet));
        var parts = new Dictionary<string, List<double>>
        {
            ["insideGenerator"] = new(), ["insideCompiler"] = new(), ["insideAnalyzer"] = new(),
            ["outsideGenerator"] = new(), ["outsideCompiler"] = new(), ["outsideAnalyzer"] = new(),
        };
        var inside = Time(Math.Max(runs, 11), () =>
        {
            ide.EditInside();
            parts["insideGenerator"].Add(ide.LastGeneratorMs); parts["insideCompiler"].Add(ide.LastCompilerMs); parts["insideAnalyzer"].Add(ide.LastAnalyzerMs);
        });
        var outside = Time(Math.Max(runs, 11), () =>
        {
            ide.EditOutside();
            parts["outsideGenerator"].Add(ide.LastGeneratorMs); parts["outsideCompiler"].Add(ide.LastCompilerMs); parts["outsideAnalyzer"].Add(ide.LastAnalyzerMs);
        });
        var p = parts.ToDictionary(kv => kv.Key, kv => Median(kv.Value.Skip(1).ToList()));
        // (3b) The analyzer on the edited document once the compiler's declaration pass has run on its compilation:
        // separate edits, so that the extra analyzer run stays out of the whole-edit times above.
        ide.AlsoAfterCompiler = true;
        var afterCompiler = new List<double>();
        for (var i = 0; i < Math.Max(runs, 11) + 1; i++)
        {
            ide.EditInside();
            afterCompiler.Add(ide.LastAnalyzerAfterCompilerMs);
        }
        ide.AlsoAfterCompiler = false;
        var insideAfterCompiler = Median(afterCompiler.Skip(1).ToList());
        Console.WriteLine();
        Console.WriteLine($"IDE on {ideSet}, one edit inside {ide.MachineFile}: generator {F(p["insideGenerator"])} ms + analyzer on the document {F(p["insideAnalyzer"])} ms (compiler's own declaration diagnostics first: {F(p["insideCompiler"])} ms; whole edit median {F(inside.MedianMs)} ms); (b) analyzer on the document after the compiler's declaration pass on the same compilation {F(insideAfterCompiler)} ms");
        Console.WriteLine($"IDE on {ideSet}, one edit outside any machine: generator {F(p["outsideGenerator"])} ms + analyzer on the document {F(p["outsideAnalyzer"])} ms (compiler {F(p["outsideCompiler"])} ms; whole edit median {F(outside.MedianMs)} ms)");
        results["ide"] = new Dictionary<string, object>
        {
            ["set"] = ideSet,
            ["insideGeneratorMs"] = p["insideGenerator"],
            ["insideAnalyzerMs"] = p["insideAnalyzer"],
            ["insideCompilerMs"] = p["insideCompiler"],
            ["insideAnalyzerAfterCompilerMs"] = insideAfterCompiler,
            ["outsideGeneratorMs"] = p["outsideGenerator"],
            ["outsideAnalyzerMs"] = p["outsideAnalyzer"],
            ["outsideCompilerMs"] = p["outsideCompiler"],
            ["editInsideMs"] = inside.MedianMs,
            ["editInsideMinMs"] = inside.MinMs,
            ["editInsideCpuMs"] = inside.CpuMs,
            ["editOutsideCpuMs"] = outside.CpuMs,
            ["editOutsideMs"] = outside.MedianMs,
            ["editOutsideMinMs"] = outside.MinMs,
        };

        if (withEmit)
        {
            // What compiling the project costs with and without Flowstate: the plain project is the same
            // files with every attribute removed (and a trivial Main instead of the generated one).
            var workload = Workload.Get(ideSet);
            var plain = PlainCompilation(workload);
            var emitPlain = Time(Math.Min(runs, 5), () => EmitOrThrow(plain.Clone()));
            Compilation generated = Scenarios.GenerateCold(workload.Compilation).Output;
            var emitGenerated = Time(Math.Min(runs, 5), () => EmitOrThrow(generated.Clone()));
            var emitUser = Time(Math.Min(runs, 5), () => EmitOrThrow(WithoutGeneratedMachines(generated).Clone()));
            Console.WriteLine($"Compile (emit to memory) {ideSet}: plain (no attributes) {F(emitPlain.MedianMs)} ms; with attributes and generated code {F(emitGenerated.MedianMs)} ms; with attributes, generated machine files left out {F(emitUser.MedianMs)} ms");
            results["emit"] = new Dictionary<string, object>
            {
                ["set"] = ideSet,
                ["plainMs"] = emitPlain.MedianMs,
                ["plainCpuMs"] = emitPlain.CpuMs,
                ["generatedCpuMs"] = emitGenerated.CpuMs,
                ["withoutGeneratedMachinesCpuMs"] = emitUser.CpuMs,
                ["generatedMs"] = emitGenerated.MedianMs,
                ["withoutGeneratedMachinesMs"] = emitUser.MedianMs,
            };
        }

        if (withCli)
        {
            var corpus = Workload.CorpusFiles;
            var validate = Time(runs, () => Scenarios.Validate(corpus));
            var outDir = Path.Combine(Workload.OutDirectory, "import-corpus");
            var import = Time(runs, () =>
            {
                if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
                Scenarios.Import(corpus, outDir);
            });
            Console.WriteLine($"CLI on the {corpus.Count} corpus definitions, in-process: validate median {F(validate.MedianMs)} ms (first {F(validate.FirstMs)}); import median {F(import.MedianMs)} ms (first {F(import.FirstMs)})");
            results["cli"] = new Dictionary<string, object>
            {
                ["files"] = corpus.Count,
                ["validateMs"] = validate.MedianMs,
                ["validateCpuMs"] = validate.CpuMs,
                ["validateFirstMs"] = validate.FirstMs,
                ["importMs"] = import.MedianMs,
                ["importFirstMs"] = import.FirstMs,
            };
        }

        if (json is not null)
            File.WriteAllText(json, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return 0;
    }

    /// <summary>Runs <paramref name="action"/> once (cold), then <paramref name="runs"/> times.</summary>
    public static Measure Time(int runs, Action action) => Time(runs, () => 0, _ => action());

    /// <summary>
    /// Runs <paramref name="setup"/> then <paramref name="action"/> once (cold), then <paramref name="runs"/>
    /// times; only <paramref name="action"/> is timed (wall, CPU and allocations).
    /// </summary>
    public static Measure Time<T>(int runs, Func<T> setup, Action<T> action)
    {
        var sw = Stopwatch.StartNew();
        var state = setup();
        sw.Restart();
        action(state);
        var first = sw.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            state = setup();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            sw.Restart();
            action(state);
            times.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            var after = GC.GetTotalAllocatedBytes(precise: true);
            allocated = i == 0 ? after - before : Math.Min(allocated, after - before);
        }
        return new Measure(first, Median(times), times.Min(), Median(cpu), allocated);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.OrderBy(v => v).ToList();
        var m = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>The generator's output must be there, or the timing means nothing.</summary>
    public static void CheckGenerated(Workload workload, Compilation generated)
    {
        var added = generated.SyntaxTrees.Count() - workload.Compilation.SyntaxTrees.Count();
        // One file per machine, the manifest, the entry point and the stack templates (issue 7).
        if (added != workload.Machines + 3)
            throw new InvalidOperationException($"{workload.Machines}x{workload.StatesPerMachine}: the generator added {added} files, expected {workload.Machines + 3}");
        var errors = generated.GetParseDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("generated code does not parse: " + errors[0]);
    }

    /// <summary>The synthetic machines are valid: no FLOW error may be reported.</summary>
    public static void CheckAnalyzed(Workload workload, IEnumerable<Diagnostic> diagnostics)
    {
        var error = diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null) throw new InvalidOperationException($"{workload.Machines}x{workload.StatesPerMachine}: unexpected {error}");
    }

    public static void EmitOrThrow(Compilation compilation)
    {
        var result = compilation.Emit(Stream.Null);
        if (!result.Success)
            throw new InvalidOperationException("emit failed: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>The same sources without any attribute, and a trivial Main in place of the generated entry point.</summary>
    public static CSharpCompilation PlainCompilation(Workload workload)
    {
        var sources = workload.Sources
            .Where(s => s.FileName != "Program.cs")
            .Select(s => (s.FileName, PlainProject.Strip(s.Text)))
            .Append(("Program.cs", "internal static class Program { private static void Main() { } }\n"));
        return Workload.CreateCompilation("Plain", sources);
    }

    /// <summary>The generated compilation less the per-machine files (manifest and Main kept, Definition references cut).</summary>
    public static Compilation WithoutGeneratedMachines(Compilation generated)
    {
        var machineFiles = generated.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)
            && !t.FilePath.EndsWith("FlowstateManifest.g.cs", StringComparison.Ordinal)
            && !t.FilePath.EndsWith("FlowstateEntryPoint.g.cs", StringComparison.Ordinal)).ToList();
        var manifest = generated.SyntaxTrees.Single(t => t.FilePath.EndsWith("FlowstateManifest.g.cs", StringComparison.Ordinal));
        var emptyManifest = CSharpSyntaxTree.ParseText(
            "namespace Flowstate.Generated { internal static class FlowstateManifest { public static global::System.Collections.Generic.IReadOnlyList<global::Flowstate.StateMachineDefinition> StateMachines { get; } = new global::Flowstate.StateMachineDefinition[0]; } }",
            Workload.ParseOptions, manifest.FilePath);
        return generated.RemoveSyntaxTrees(machineFiles).ReplaceSyntaxTree(manifest, emptyManifest);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static string F(double ms) => ms.ToString(ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
        catch (UnauthorizedAccessException) { return "?"; }
    }
}
