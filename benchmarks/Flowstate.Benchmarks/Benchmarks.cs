using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flowstate.Benchmarks;

/// <summary>(1) and (5): a cold generator run over each synthetic set; allocations per operation (and per state, see <see cref="PerStateColumn"/>).</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    [Params("1x25", "10x25", "50x25", "200x25", "20x100")]
    public string Set { get; set; } = "1x25";

    private Workload _workload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workload.Get(Set);
        Report.CheckGenerated(_workload, Scenarios.GenerateCold(_workload.Compilation).Output);
    }

    [Benchmark(Description = "generator, cold driver")]
    public Compilation Generate() => Scenarios.GenerateCold(_workload.Compilation).Output;

    [Benchmark(Description = "generator, new driver, parse memo warm (rebuild in a compiler server)")]
    public Compilation GenerateWithMemo() => Scenarios.GenerateWithMemo(_workload.Compilation);
}

/// <summary>(2) and (5): the analyzers over the compilation the generator produced (fresh copy each time, nothing bound).</summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    [Params("1x25", "10x25", "50x25", "200x25", "20x100")]
    public string Set { get; set; } = "1x25";

    private Compilation _generated = null!;

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Get(Set);
        _generated = Scenarios.GenerateCold(workload.Compilation).Output;
        Report.CheckAnalyzed(workload, Scenarios.Analyze(_generated).Diagnostics);
    }

    [Benchmark(Description = "analyzers, whole compilation")]
    public int Analyze() => Scenarios.Analyze(_generated).Diagnostics.Length;

    private CompilationWithAnalyzers _afterCompiler = null!;

    /// <summary>(2b) Untimed: a fresh copy on which the compiler's declaration pass has run.</summary>
    [IterationSetup(Target = nameof(AnalyzeAfterCompiler))]
    public void PrepareAfterCompiler() => _afterCompiler = Scenarios.AfterCompiler.Prepare(_generated);

    [Benchmark(Description = "analyzers, whole compilation, after the compiler's declaration pass (what they add to a build)")]
    public int AnalyzeAfterCompiler() => Scenarios.AfterCompiler.Run(_afterCompiler).Diagnostics.Length;

    private CompilationWithAnalyzers _empty = null!;

    /// <summary>(2b floor) Untimed: the same fresh copy, with an analyzer that does nothing.</summary>
    [IterationSetup(Target = nameof(EmptyAnalyzerAfterCompiler))]
    public void PrepareEmpty() => _empty = Scenarios.AfterCompiler.PrepareEmpty(_generated);

    [Benchmark(Description = "an empty analyzer, same run (the floor: the compiler's method-body pass and the driver)")]
    public int EmptyAnalyzerAfterCompiler() => Scenarios.AfterCompiler.Run(_empty).Diagnostics.Length;
}

/// <summary>(3) The IDE loop on 200 machines x 25 states: an edit inside one machine, and one outside any.</summary>
[MemoryDiagnoser]
public class IdeEditBenchmarks
{
    private Scenarios.IdeSession _session = null!;

    [GlobalSetup]
    public void Setup() => _session = new Scenarios.IdeSession(Workload.Get(200, 25));

    [Benchmark(Description = "edit inside one machine of 200: generator + analyzer on that document")]
    public int EditInside() => _session.EditInside().Length;

    [Benchmark(Description = "edit outside any machine: generator (all cached) + analyzer on that document")]
    public int EditOutside() => _session.EditOutside().Length;
}

/// <summary>(4) The CLI over the 169 corpus definitions, in-process.</summary>
[MemoryDiagnoser]
public class CliBenchmarks
{
    private IReadOnlyList<string> _corpus = null!;
    private string _out = null!;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Workload.CorpusFiles;
        _out = Path.Combine(Workload.OutDirectory, "import-corpus-bdn");
    }

    [Benchmark(Description = "flowstate validate, 169 corpus files")]
    public int Validate() => Scenarios.Validate(_corpus);

    [Benchmark(Description = "flowstate import --project, 169 corpus files")]
    public int Import()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
        return Scenarios.Import(_corpus, _out);
    }
}
