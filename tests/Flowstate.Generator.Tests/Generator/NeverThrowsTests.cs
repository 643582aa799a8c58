using System.Text;
using Flowstate.Generator.Tests.Support;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// Half-typed and nonsensical sources, as an IDE sees them between keystrokes: the generator must
/// not throw (which Roslyn would surface as CS8785 and no output) and the analyzer must not crash.
/// </summary>
public class NeverThrowsTests
{
    private const string U = "using Flowstate;\nnamespace Demo;\n";

    public static TheoryData<string> Garbage()
    {
        var data = new TheoryData<string>
        {
            "[Flowstate.StateMachine(",
            U + "[StateMachine] partial class",
            U + "[StateMachine] public partial class M { [LambdaInvoke(Payload = \"\"\" ] public class A; }",
            U + "[StateMachine(null, Comment = null, Version = null)] public partial class M { [Pass(Name = null, Next = typeof())] public class A; }",
            U + "[StateMachine] public partial class M { [Catch(typeof(",
            U + "[StateMachine] public partial class M { [When(] [Choice] public class C; }",
            U + "[StateMachine] public partial class M { [Choice] [When(null, Next = null)] [When(\"\")] public class C; }",
            U + "[StateMachine] public partial class M<T> { [Pass(Next = typeof(B<>))] public class A; public class B<X>; }",
            U + "[StateMachine(Type = (WorkflowType)99, QueryLanguage = (QueryLanguage)(-1))] public partial class M { [Retry(null)] [Catch(null, null)] [Task(null)] public class A; }",
            U + "[StateMachine] public partial interface I { }",
            U + "[StateMachine] public partial struct S { }",
            U + "[StateMachine] public enum E { A }",
            U + "[StateMachine] public static partial class Q { }",
            U + "[StateMachine][StateMachine] public partial class D { }",
            U + "[StateMachine] public partial class M { [Pass] [Map] [Parallel] public class X { [Branch] public class B { [Branch] public class C; } } }",
            U + "[StateMachine] public partial class M { [RawState(null, null)] [AslField(null, null)] public class X; }",
            U + "[StateMachine, RawState(\"x\", \"{\")] public partial class M { }",
            U + "[StateMachine] public partial class M { [Wait(Seconds = \"ten\")] [Retry(1, 2)] [Fail(1)] public class A; }",
            U + "[StateMachine] public partial class M { [LambdaInvoke(Integration = (IntegrationPattern)42, Payload = \"\")] public class A; }",
            U + "[StateMachine] public partial class M { [Pass(Next = typeof(M))] public class A; [StartAt(typeof(int))] public class B; }",
            U + "[StateMachine(\"\\ud800 lone surrogate\")] public partial class M { [Pass(Name = \"\\udc00\", Result = \"\\\"\\ud800\\\"\")] public class A; }",
            U + "[StateMachine(\"\")] public partial class M { [Pass(Name = \"\")] public class A; [Pass(Name = \"\")] public class B; }",
            U + "[StateMachine] public partial class M { [Map(Mode = (ProcessorMode)7, ToleratedFailurePercentage = double.PositiveInfinity)] public class A; }",
            U + "[StateMachine] public partial class M { [Parallel] public class P { [Branch, StartAt(typeof(P))] public class B { } } }",
            "[assembly: Flowstate.FlowstateEntryPoint]\n[assembly: Flowstate.FlowstateEntryPoint]",
            "[assembly: Flowstate.FlowstateEntryPoint(",
            U + "public partial class Outer { [StateMachine] partial class M { [Succeed] class A; } }",
            U + "[StateMachine] public partial class M { [Pass(Result = \"" + new string('[', 400) + new string(']', 400) + "\")] public class Deep; }",
        };
        data.Add(U + "[StateMachine] public partial class M { " + NestedMaps(40) + " }");
        return data;
    }

    private static string NestedMaps(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++) sb.Append($"[Map(End = true)] public class L{i} {{ ");
        sb.Append("[Pass(End = true)] public class Leaf; ");
        for (var i = 0; i < depth; i++) sb.Append("} ");
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void BrokenSource_Generator_NoExceptionNoCs8785NoFlow0001(string source)
    {
        var run = CompilationGeneratorRunner.Execute(CompilationFactory.Create(source));

        Assert.Null(run.GeneratorException);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785");
        // The only diagnostics the generator reports are its findings about the stack templates (the 40 nested
        // Maps make a 54 KB template, a true FLOW7014 note); never FLOW0001 or anything else.
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Id is not ("FLOW7012" or "FLOW7013" or "FLOW7014" or "FLOW7018")));
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void BrokenSource_Analyzer_DoesNotThrow(string source)
    {
        var diagnostics = CompilationAnalyzerRunner.Run(CompilationFactory.Create(source));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001" || d.Id == "FLOW0001");
    }
}
