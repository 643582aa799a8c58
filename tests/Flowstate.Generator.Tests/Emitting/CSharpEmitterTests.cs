using Flowstate.Generator.Emitting;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Generator.Tests.Emitting;

public class CSharpWriterTests
{
    private static TypeIdentity Type(string? ns, string name, params ContainingTypeInfo[] containing)
        => new(ns, containing.ToEquatableArray(), name, "global::" + (ns is null ? "" : ns + ".") + string.Concat(containing.Select(c => c.Name + ".")) + name, true);

    [Theory]
    [InlineData("Demo", "M", "Demo.M.g.cs")]
    [InlineData(null, "M", "M.g.cs")]
    [InlineData("A.B", "Flow<T>", "A.B.Flow`1.g.cs")]
    [InlineData("A", "Flow<T, U>", "A.Flow`2.g.cs")]
    public void HintName_NamespaceAndType_DottedPath(string? ns, string name, string expected)
        => Assert.Equal(expected, CSharpWriter.HintName(Type(ns, name)));

    [Fact]
    public void HintName_ContainingTypes_Included()
        => Assert.Equal("N.Outer`1.Inner.M.g.cs", CSharpWriter.HintName(Type("N", "M", new ContainingTypeInfo("class", "Outer<T>", true), new ContainingTypeInfo("struct", "Inner", true))));

    [Fact]
    public void Verbatim_QuotesDoubledNewLinesKept()
        => Assert.Equal("@\"a \"\"b\"\"\nc\\d\"", CSharpWriter.Verbatim("a \"b\"\nc\\d"));

    [Fact]
    public void SortManifest_OrdinalByNameThenType()
    {
        var sorted = CSharpWriter.SortManifest(new[]
        {
            new ManifestEntry("beta", "global::Z"),
            new ManifestEntry("Alpha", "global::Y"),
            new ManifestEntry("beta", "global::A"),
            new ManifestEntry("alpha", "global::X"),
        });
        Assert.Equal(new[] { "global::Y", "global::X", "global::A", "global::Z" }, sorted.Select(e => e.FullyQualifiedTypeName));
    }

    [Fact]
    public void EmitMachine_StringsWithQuotesAndUnicode_RoundTripThroughCompiler()
    {
        var spec = new StateMachineSpec
        {
            Name = "quote\"and\\slash\u00e9",
            WorkflowType = "EXPRESS",
            Type = Type("Demo", "M"),
            Root = new ScopeSpec(),
        };
        const string asl = "{\n  \"a\": \"\\\"q\\\" \u2028 \u00e9\"\n}\n";
        const string mermaid = "flowchart TD\n    x[\"#quot;\"]\n";
        const string dot = "digraph \"m\" {\n    \"x\" [label=\"\\\"\"];\n}\n";
        var source = CSharpWriter.EmitMachine(spec, asl, mermaid, dot);

        var compilation = CompilationFactory.Create("namespace Demo { public partial class M { } }", source);
        Assert.Empty(CompilationFactory.Errors(compilation));
        var assembly = CompilationGeneratorRunner.Load(compilation);
        var definition = CompilationGeneratorRunner.Definition(assembly, "Demo.M");
        Assert.Equal(spec.Name, definition.Name);
        Assert.Equal(Flowstate.WorkflowType.Express, definition.Type);
        Assert.Equal(asl, definition.AslJson);
        Assert.Equal(mermaid, definition.MermaidGraph);
        Assert.Equal(dot, definition.DotGraph);
        Assert.Equal("M", definition.DeclaringType.Name);
    }

    [Fact]
    public void GeneratedCode_CSharp73Project_CompilesWithoutErrorsOrWarnings()
    {
        // A netstandard2.0 library defaults to C# 7.3: the generated code must not need anything newer.
        var parse = new CSharpParseOptions(LanguageVersion.CSharp7_3);
        var source = "using Flowstate;\nnamespace Demo {\n [StateMachine(\"m\")] public partial class M {\n  [Pass(Next = typeof(B))] public class A { }\n  [Succeed] public class B { }\n }\n}\n";
        var compilation = CSharpCompilation.Create("Old", new[] { CSharpSyntaxTree.ParseText(source, parse, "/src/Old.cs") }, CompilationFactory.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CompilationGeneratorRunner.CreateDriver(parse);
        var run = CompilationGeneratorRunner.Execute(compilation, driver);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.Sources.Count); // the machine, the manifest, the manifest's stacks
        var problems = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
