using System.Globalization;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Emitting;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Tests.Generator;

public class GeneratorBehaviourTests
{
    private const string Simple = """
        using Flowstate;
        namespace Demo;
        [StateMachine("simple")] public partial class Simple { [Pass(Result = "2.50", End = true)] public class A; }
        """;

    [Fact]
    public void NotPartial_NoMachineFile_ManifestStillCompiles()
    {
        var run = CompilationGeneratorRunner.Execute("""
            using Flowstate;
            namespace Demo;
            [StateMachine] public class NotPartial { [Succeed] public class Done; }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { FlowstateGenerator.StackTemplates.HintName, CSharpWriter.ManifestHintName }, run.Sources.Select(s => s.HintName));
        Assert.DoesNotContain("NotPartial", run.Source(CSharpWriter.ManifestHintName));
        Assert.DoesNotContain("NotPartial", run.Source(FlowstateGenerator.StackTemplates.HintName));
        Assert.Empty(CompilationFactory.Errors(run.Output));
    }

    [Fact]
    public void NoStateMachines_EmptyManifestAndNoEntryPoint()
    {
        var run = CompilationGeneratorRunner.Execute("namespace Demo; public class Nothing { }");
        // The stacks part of the manifest is always there (empty), so that the entry point can always refer to it.
        Assert.Equal(new[] { FlowstateGenerator.StackTemplates.HintName, CSharpWriter.ManifestHintName }, run.Sources.Select(s => s.HintName));
        Assert.DoesNotContain("new global::Flowstate.StackDefinition(", run.Source(FlowstateGenerator.StackTemplates.HintName));
        Assert.Empty(CompilationFactory.Errors(run.Output));
    }

    [Fact]
    public void GenericMachine_FileGeneratedButNotInManifest()
    {
        var run = CompilationGeneratorRunner.Execute("""
            using Flowstate;
            namespace Demo;
            [StateMachine("generic")] public partial class Flow<T> { [Succeed] public class Done; }
            """);

        Assert.Contains(run.Sources, s => s.HintName == "Demo.Flow`1.g.cs");
        Assert.DoesNotContain("Demo.Flow", run.Source(CSharpWriter.ManifestHintName));
        Assert.Empty(CompilationFactory.Errors(run.Output));
    }

    [Theory]
    [InlineData("private")]
    [InlineData("protected")]
    [InlineData("private protected")]
    public void MachineNotVisibleAssemblyWide_FileGeneratedButNotInManifest(string accessibility)
    {
        var run = CompilationGeneratorRunner.Execute($$"""
            using Flowstate;
            namespace Demo;
            public partial class Outer { [StateMachine("hidden")] {{accessibility}} partial class Hidden { [Succeed] public class Done; } }
            [StateMachine("visible")] public partial class Visible { [Succeed] public class Done; }
            """);

        Assert.Contains(run.Sources, s => s.HintName == "Demo.Outer.Hidden.g.cs");
        Assert.DoesNotContain("Hidden", run.Source(CSharpWriter.ManifestHintName));
        Assert.Contains("global::Demo.Visible.Definition", run.Source(CSharpWriter.ManifestHintName));
        Assert.Empty(CompilationFactory.Errors(run.Output));
    }

    [Fact]
    public void StateMachineAttributeOnTwoPartialDeclarations_OneFileOnly()
    {
        var run = CompilationGeneratorRunner.Execute("""
            using Flowstate;
            namespace Demo;
            [StateMachine("twice")] public partial class Twice { [Succeed] public class Done; }
            [StateMachine("twice")] public partial class Twice { }
            """);

        Assert.Null(run.GeneratorException);
        Assert.Single(run.Sources, s => s.HintName == "Demo.Twice.g.cs");
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0579");
    }

    [Fact]
    public void EntryPoint_ConsoleApplication_MainRunsFlowstateConsole()
    {
        var compilation = CompilationFactory.Create(OutputKind.ConsoleApplication, Simple, "[assembly: Flowstate.FlowstateEntryPoint]");
        var run = CompilationGeneratorRunner.Execute(compilation);

        Assert.Contains(run.Sources, s => s.HintName == CSharpWriter.EntryPointHintName);
        Assert.Empty(CompilationFactory.Errors(run.Output));
        var assembly = CompilationGeneratorRunner.Load(run.Output);
        Assert.Equal("Flowstate.Generated.FlowstateProgram", assembly.EntryPoint!.DeclaringType!.FullName);

        var machines = CompilationGeneratorRunner.Manifest(assembly);
        var stdout = new StringWriter { NewLine = "\n" };
        var code = Flowstate.Hosting.FlowstateConsole.Run(new[] { "list" }, machines, stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Equal("simple\tSTANDARD\tDemo.Simple\n", stdout.ToString());
    }

    [Fact]
    public void WithoutEntryPointAttribute_NoMain()
    {
        var run = CompilationGeneratorRunner.Execute(Simple);
        Assert.DoesNotContain(run.Sources, s => s.HintName == CSharpWriter.EntryPointHintName);
    }

    [Fact]
    public void Determinism_TwoRuns_IdenticalBytes()
    {
        foreach (var source in GoldenScenarios.All.Values)
        {
            var a = CompilationGeneratorRunner.Execute(source).Sources;
            var b = CompilationGeneratorRunner.Execute(source).Sources;
            Assert.Equal(a, b);
        }
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    public void Determinism_OtherCulture_IdenticalOutput(string culture)
    {
        var expected = GoldenScenarios.All.Values.Select(s => CompilationGeneratorRunner.Execute(s).Sources).ToList();
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var actual = GoldenScenarios.All.Values.Select(s => CompilationGeneratorRunner.Execute(s).Sources).ToList();
            Assert.Equal(expected, actual);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void Determinism_FileOrderReversed_SameManifest()
    {
        const string a = "using Flowstate; namespace X; [StateMachine(\"b-machine\")] public partial class A { [Succeed] public class D; }";
        const string b = "using Flowstate; namespace X; [StateMachine(\"a-machine\")] public partial class B { [Succeed] public class D; }";
        var forward = CompilationGeneratorRunner.Execute(a, b).Source(CSharpWriter.ManifestHintName);
        var backward = CompilationGeneratorRunner.Execute(b, a).Source(CSharpWriter.ManifestHintName);
        Assert.Equal(forward, backward);
        Assert.True(forward.IndexOf("global::X.B.Definition", StringComparison.Ordinal) < forward.IndexOf("global::X.A.Definition", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderFailure_BecomesFlow0001NotAnException()
    {
        // A model no parser produces (a state without a name) makes rendering throw; the boundary turns it into FLOW0001.
        var spec = new StateMachineSpec
        {
            Name = "broken",
            Type = new TypeIdentity("Demo", default, "Broken", "global::Demo.Broken", true),
            Root = new ScopeSpec { States = EquatableArray.Create(new StateSpec { Name = null! }) },
        };
        var rendered = FlowstateGenerator.RenderedMachine.Create(new FlowstateGenerator.ParsedMachine("Demo.Broken", spec, null), CancellationToken.None);

        Assert.NotNull(rendered.Failure);
        Assert.Null(rendered.ManifestEntry);
        Assert.Null(rendered.Source);

        var diagnostic = Diagnostic.Create(Descriptors.InternalError, Location.None, rendered.DisplayName, rendered.Failure);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("Flowstate generator failed on Demo.Broken: ", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.EndsWith(". Please report this.", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.DoesNotContain("..", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DeclarationProblems_NotReportedByGenerator()
    {
        var run = CompilationGeneratorRunner.Execute("""
            using Flowstate;
            namespace Demo;
            [StateMachine] public partial class M { [Pass(Result = "{bad", Next = typeof(string))] public class A; }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.Sources, s => s.HintName == "Demo.M.g.cs");
    }
}
