using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;
using Flowstate.Tests.Shared;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Cases/&lt;Case&gt;.asl.json -> DslWriter -> Baselines/DslWriter/&lt;Case&gt;.cs.txt (the C#, then the
/// importer's warnings and errors as trailing comments), and the C# must compile cleanly against
/// the real attributes.
/// </summary>
public class DslWriterBaselineTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.ProjectDirectory, "Cases"), "*.asl.json").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(file)[..^".asl.json".Length]);
        return data;
    }

    internal static DslWriteResult Import(string caseName)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.ProjectDirectory, "Cases", caseName + ".asl.json"));
        var read = AslReader.Read(json, caseName);
        Assert.NotNull(read.Spec);
        return DslWriter.Write(read.Spec!, new DslWriterOptions { Namespace = "Imported", HeaderComment = $"Imported from {caseName}.asl.json." });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_Imported_MatchesBaseline(string caseName)
    {
        var result = Import(caseName);
        var text = (result.Source ?? "// (no source)\n")
            + string.Concat(result.Warnings.Select(w => $"// warning {w}\n"))
            + string.Concat(result.Errors.Select(e => $"// error {e}\n"));
        Baseline.VerifyFile(TestPaths.Baselines("DslWriter"), "DslWriter", caseName + ".cs.txt", text);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_Imported_CompilesWithoutWarnings(string caseName)
    {
        var result = Import(caseName);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var compilation = CSharpCompiler.Compile(new[] { (caseName + ".cs", result.Source!) });
        Assert.Equal("", CSharpCompiler.Problems(compilation));
    }
}
