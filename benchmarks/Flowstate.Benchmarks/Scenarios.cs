using System.Collections.Immutable;
using Flowstate.Generator;
using Flowstate.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Flowstate.Cli;

namespace Flowstate.Benchmarks;

/// <summary>
/// The operations measured, shared by the BenchmarkDotNet classes, the report harness and the smoke
/// run, so that all three time exactly the same code.
/// </summary>
public static class Scenarios
{
    /// <summary>A generator driver like the compiler's: no step tracking (the IDE and csc turn it off).</summary>
    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            new[] { new FlowstateGenerator().AsSourceGenerator() },
            parseOptions: Workload.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// (1) A cold generator run, as in a command-line build: a new driver over a fresh copy of the
    /// compilation (<see cref="Compilation.Clone"/> drops every bound symbol, so the attributes are
    /// bound again, as csc's generator pass binds them). Returns the driver and the compilation with
    /// the generated sources added.
    /// </summary>
    public static (GeneratorDriver Driver, Compilation Output) GenerateCold(CSharpCompilation compilation)
    {
        // The generator remembers parsed machines while its assembly is loaded (MachineMemo); a cold run forgets them.
        Flowstate.Generator.Parsing.MachineMemo.Clear();
        var before = Flowstate.Generator.Parsing.SyntaxAttributeReader.MachinesReadOnThisThread;
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation.Clone(), out var output, out _);
        LastColdRunMachinesFromSyntax = Flowstate.Generator.Parsing.SyntaxAttributeReader.MachinesReadOnThisThread - before;
        return (driver, output);
    }

    /// <summary>How many machines the last <see cref="GenerateCold"/> read from syntax instead of binding their attributes (all, for the synthetic sets).</summary>
    public static int LastColdRunMachinesFromSyntax { get; private set; }

    /// <summary>
    /// The compiler's own share of what the generator asks for: every attribute of every type bound
    /// (with its arguments) on a fresh copy of the compilation. Not Flowstate code: the floor under
    /// any generator that reads the attributes through the semantic model.
    /// </summary>
    public static int BindAttributes(CSharpCompilation compilation)
    {
        var c = compilation.Clone();
        var n = 0;
        foreach (var tree in c.SyntaxTrees)
        {
            var model = c.GetSemanticModel(tree);
            foreach (var type in tree.GetRoot().DescendantNodes(node => node is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax).OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(type) is not { } symbol) continue;
                foreach (var a in symbol.GetAttributes()) n += a.ConstructorArguments.Length + a.NamedArguments.Length;
            }
        }
        return n;
    }

    /// <summary>
    /// A rebuild in a long-lived compiler (the compiler server, the IDE): a new driver over a fresh
    /// compilation, but the generator's memo of parsed machines still holds them from an earlier run.
    /// </summary>
    public static Compilation GenerateWithMemo(CSharpCompilation compilation)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation.Clone(), out var output, out _);
        return output;
    }

    /// <summary>The analyzers of the shipped analyzer assembly (today: StateMachineAnalyzer).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() => ImmutableArray.Create<DiagnosticAnalyzer>(new StateMachineAnalyzer());

    public static CompilationWithAnalyzers WithAnalyzers(Compilation compilation, bool logTime = false)
        => WithAnalyzers(compilation, Analyzers(), logTime);

    public static CompilationWithAnalyzers WithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool logTime = false)
        => compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, _, _) => throw new InvalidOperationException("the analyzer threw", e),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: logTime,
            reportSuppressedDiagnostics: false));

    /// <summary>
    /// (2) The analyzers over a whole compilation (the one the generator produced, as in a build),
    /// on a fresh copy so that nothing is bound yet. Returns the diagnostics and the analyzer's own
    /// execution time as the compiler's ReportAnalyzer counts it.
    /// </summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, TimeSpan AnalyzerTime) Analyze(Compilation generated, bool logTime = false)
    {
        var analyzers = WithAnalyzers(generated.Clone(), logTime);
        var diagnostics = analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var time = TimeSpan.Zero;
        if (logTime)
        {
            foreach (var analyzer in analyzers.Analyzers)
                time += analyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
        }
        return (diagnostics, time);
    }

    /// <summary>
    /// (2b) What the analyzers add to a build: a fresh copy of the generated compilation, wrapped for the
    /// analyzers, on which the compiler's own declaration diagnostics have already run (as in csc, where the
    /// compiler binds every declaration and attribute for its own diagnostics and emit, on the same
    /// compilation the analyzers see). <see cref="Prepare"/> does that untimed part; <see cref="Run"/> is
    /// the analyzers' share. The wrapper's compilation is used for the compiler pass: <c>WithAnalyzers</c>
    /// makes a new compilation (with an event queue) whose symbols are not those of the one it wraps.
    /// </summary>
    public static class AfterCompiler
    {
        public static CompilationWithAnalyzers Prepare(Compilation generated, bool logTime = false)
        {
            var analyzers = WithAnalyzers(generated.Clone(), logTime);
            analyzers.Compilation.GetDeclarationDiagnostics();
            return analyzers;
        }

        /// <summary>
        /// The same, with an analyzer that does nothing on every named type instead of Flowstate's. Running it
        /// still pays what any analyzer run pays here: the compiler's method-body pass (GetAnalyzerDiagnosticsAsync
        /// asks the compilation for all its diagnostics to produce its events; those are not cached) and the
        /// driver's per-symbol work. Flowstate's share is the difference.
        /// </summary>
        public static CompilationWithAnalyzers PrepareEmpty(Compilation generated)
        {
            var analyzers = WithAnalyzers(generated.Clone(), ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer()));
            analyzers.Compilation.GetDeclarationDiagnostics();
            return analyzers;
        }

        public static (ImmutableArray<Diagnostic> Diagnostics, TimeSpan AnalyzerTime) Run(CompilationWithAnalyzers analyzers)
        {
            var diagnostics = analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var time = TimeSpan.Zero;
            if (analyzers.AnalysisOptions.LogAnalyzerExecutionTime)
            {
                foreach (var analyzer in analyzers.Analyzers)
                    time += analyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
            }
            return (diagnostics, time);
        }
    }

    /// <summary>An analyzer with a symbol action for every named type that does nothing: the floor under any analyzer run.</summary>
    // Never shipped or loaded by a compiler: it only runs in this process, so the analyzer-packaging rules do not apply.
#pragma warning disable RS1041, RS1036, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_never = new("EMPTY0001", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution(); // as Flowstate's analyzer
            context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1041, RS1036, RS2008

    /// <summary>
    /// (3) The IDE loop on one workload: a warm driver (it has run once over the compilation), then
    /// edits. <see cref="EditInside"/> changes a number in an attribute of one machine (a MaxAttempts
    /// of the middle machine, alternately +1 and back), <see cref="EditOutside"/> a number in a file
    /// that declares no machine. After each: the generator again, then the analyzers on the edited
    /// document only, as the IDE runs them.
    /// </summary>
    public sealed class IdeSession
    {
        private readonly string _machineFile;
        private GeneratorDriver _driver;
        private CSharpCompilation _compilation;
        private bool _insideToggle;
        private bool _outsideToggle;

        public IdeSession(Workload workload)
        {
            _machineFile = workload.Sources[workload.Machines / 2].FileName;
            var helper = ("Helper.cs", "namespace Synthetic;\n\ninternal static class Helper\n{\n    public static int Answer() => 41;\n}\n");
            _compilation = Workload.CreateCompilation("Ide", workload.Sources.Append(helper));
            _driver = CreateDriver().RunGenerators(_compilation);
        }

        public string MachineFile => _machineFile;

        public GeneratorDriver Driver => _driver;

        /// <summary>One edit inside a machine; returns the FLOW diagnostics of that document.</summary>
        public ImmutableArray<Diagnostic> EditInside()
        {
            _insideToggle = !_insideToggle;
            return Edit(_machineFile, "MaxAttempts = ", _insideToggle ? +1 : -1);
        }

        /// <summary>One edit in Helper.cs, which declares no machine; returns its (no) FLOW diagnostics.</summary>
        public ImmutableArray<Diagnostic> EditOutside()
        {
            _outsideToggle = !_outsideToggle;
            return Edit("Helper.cs", "=> ", _outsideToggle ? +1 : -1);
        }

        private ImmutableArray<Diagnostic> Edit(string fileName, string before, int delta)
        {
            var tree = _compilation.SyntaxTrees.Single(t => t.FilePath == "/src/" + fileName);
            var text = tree.GetText();
            var content = text.ToString();
            var at = content.IndexOf(before, StringComparison.Ordinal) + before.Length;
            var end = at;
            while (end < content.Length && char.IsDigit(content[end])) end++;
            var number = int.Parse(content.AsSpan(at, end - at), provider: System.Globalization.CultureInfo.InvariantCulture) + delta;
            // An incremental reparse of the changed span, as the editor does it.
            var edited = tree.WithChangedText(text.WithChanges(new TextChange(TextSpan.FromBounds(at, end), number.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            _compilation = _compilation.ReplaceSyntaxTree(tree, edited);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            _driver = _driver.RunGeneratorsAndUpdateCompilation(_compilation, out var output, out _);
            LastGeneratorMs = sw.Elapsed.TotalMilliseconds;
            var editedInOutput = output.SyntaxTrees.Single(t => t.FilePath == "/src/" + fileName);
            var model = output.GetSemanticModel(editedInOutput);
            // What the IDE computes for the document whatever analyzers it has: the compiler's own
            // declaration diagnostics (this merges the new compilation's declarations, which the first
            // semantic question about it pays for, Flowstate's or not).
            sw.Restart();
            model.GetDeclarationDiagnostics();
            LastCompilerMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var diagnostics = WithAnalyzers(output).GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None)
                .GetAwaiter().GetResult();
            LastAnalyzerMs = sw.Elapsed.TotalMilliseconds;
            if (AlsoAfterCompiler)
            {
                // The same analyzer on the document, once the compiler's declaration pass has run on the very
                // compilation the analyzer sees (WithAnalyzers makes a new one): what the analyzer adds to the IDE's
                // own work, with the document's attributes already bound.
                var again = WithAnalyzers(output);
                var againModel = again.Compilation.GetSemanticModel(editedInOutput);
                againModel.GetDeclarationDiagnostics();
                sw.Restart();
                again.GetAnalyzerSemanticDiagnosticsAsync(againModel, filterSpan: null, CancellationToken.None).GetAwaiter().GetResult();
                LastAnalyzerAfterCompilerMs = sw.Elapsed.TotalMilliseconds;
            }
            return diagnostics;
        }

        /// <summary>The last edit's generator run (ms).</summary>
        public double LastGeneratorMs { get; private set; }

        /// <summary>The last edit's compiler declaration diagnostics for the document (ms): the IDE's own work, not Flowstate's.</summary>
        public double LastCompilerMs { get; private set; }

        /// <summary>The last edit's analyzers on the document (ms).</summary>
        public double LastAnalyzerMs { get; private set; }

        /// <summary>Also measure <see cref="LastAnalyzerAfterCompilerMs"/> on each edit (an extra analyzer run, untimed in the others).</summary>
        public bool AlsoAfterCompiler { get; set; }

        /// <summary>The last edit's analyzers on the document after the compiler's declaration pass on their own compilation (ms).</summary>
        public double LastAnalyzerAfterCompilerMs { get; private set; }
    }

    /// <summary>(4) `flowstate validate` over files, in-process, output discarded; returns the exit code.</summary>
    public static int Validate(IReadOnlyList<string> files)
        => FlowstateCli.Run(new[] { "validate" }.Concat(files).ToArray(), TextWriter.Null, TextWriter.Null);

    /// <summary>(4) `flowstate import --project` of files into <paramref name="outDirectory"/>, in-process; returns the exit code.</summary>
    public static int Import(IReadOnlyList<string> files, string outDirectory)
        => FlowstateCli.Run(new[] { "import" }.Concat(files).Concat(new[] { "--out", outDirectory, "--project" }).ToArray(), TextWriter.Null, TextWriter.Null);
}
