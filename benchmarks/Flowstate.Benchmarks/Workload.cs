using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Flowstate.Cli;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Benchmarks;

/// <summary>
/// A synthetic project: N machines x K states written by benchmarks/node/make-synthetic.mjs (seed 1,
/// the same files as ../shared/perf and the cdk-synth comparison), imported to C# in-process by the
/// CLI's importer (exactly what `flowstate import --project` writes), and compiled in memory against
/// the running framework and Flowstate.dll.
/// </summary>
public sealed class Workload
{
    public const int Seed = 1;
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ConcurrentDictionary<(int, int), Workload> s_cache = new();
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public int Machines { get; }
    public int StatesPerMachine { get; }
    public int TotalStates => Machines * StatesPerMachine;

    /// <summary>The directory of the ASL files (m0001.asl.json ...).</summary>
    public string AslDirectory { get; }

    /// <summary>The imported C# files, file name (M0001.cs) to text, in file order; Program.cs last.</summary>
    public IReadOnlyList<(string FileName, string Text)> Sources { get; }

    /// <summary>The compilation of <see cref="Sources"/>: what the compiler hands the generator.</summary>
    public CSharpCompilation Compilation { get; }

    private Workload(int machines, int states)
    {
        Machines = machines;
        StatesPerMachine = states;
        AslDirectory = EnsureAsl(machines, states);
        Sources = Import(AslDirectory);
        Compilation = CreateCompilation("Synthetic" + machines + "x" + states, Sources);
    }

    public static Workload Get(int machines, int states) => s_cache.GetOrAdd((machines, states), k => new Workload(k.Item1, k.Item2));

    /// <summary>"200x25" -> (200, 25).</summary>
    public static Workload Get(string set)
    {
        var parts = set.Split('x');
        return Get(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static CSharpCompilation CreateCompilation(string name, IEnumerable<(string FileName, string Text)> sources)
        => CSharpCompilation.Create(
            name,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: "/src/" + s.FileName)),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <summary>The tree of a source file by its name (M0100.cs).</summary>
    public SyntaxTree Tree(CSharpCompilation compilation, string fileName)
        => compilation.SyntaxTrees.Single(t => t.FilePath == "/src/" + fileName);

    // ---------------------------------------------------------------------------------------------

    /// <summary>The repository root: the folder holding Generator.sln, found from this assembly upwards
    /// (BenchmarkDotNet runs a copy of the program from a folder below bin/).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("FLOWSTATE_REPO");
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) return dir.FullName;
            throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory + "; set FLOWSTATE_REPO to the repository root.");
        }
    }

    /// <summary>Where generated inputs go: benchmarks/out (git-ignored).</summary>
    public static string OutDirectory => Path.Combine(RepositoryRoot, "benchmarks", "out");

    public static string CorpusDirectory => Path.Combine(RepositoryRoot, "tests", "TestData", "corpus");

    public static IReadOnlyList<string> CorpusFiles
        => Directory.GetFiles(CorpusDirectory, "*.asl.json").OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>benchmarks/out/synthetic/NxK: written once by make-synthetic.mjs (node), reused afterwards.</summary>
    public static string EnsureAsl(int machines, int states)
    {
        var dir = Path.Combine(OutDirectory, "synthetic", machines + "x" + states);
        var done = Path.Combine(dir, ".complete");
        if (File.Exists(done)) return dir;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var script = Path.Combine(RepositoryRoot, "benchmarks", "node", "make-synthetic.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--machines", machines.ToString(System.Globalization.CultureInfo.InvariantCulture), "--states", states.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", dir, "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The synthetic workload is written by Node.js (node on PATH, version 20 or later): " + e.Message, e);
        }
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"make-synthetic.mjs failed ({process.ExitCode}): {stderr.Result}");
        File.WriteAllText(done, "");
        return dir;
    }

    /// <summary>The C# that `flowstate import --project` writes for the files of <paramref name="aslDirectory"/>.</summary>
    public static IReadOnlyList<(string, string)> Import(string aslDirectory)
    {
        var import = new BatchImport("Synthetic");
        var result = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(aslDirectory, "*.asl.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var machine = import.Import(file, File.ReadAllText(file));
            if (machine.Source is null) throw new InvalidOperationException("import failed: " + string.Join("; ", machine.Messages));
            result.Add((machine.ClassName + ".cs", machine.Source));
        }
        result.Add(("Program.cs", ProjectWriter.ProgramText));
        return result;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // What a net10.0 project compiles against here: the framework's assemblies and Flowstate.dll.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(StateMachineAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
