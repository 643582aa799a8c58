using Flowstate.Generator.Parsing;
using Flowstate.Generator.Tests.Support;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// The generator reads a self-contained machine's attributes from syntax (SyntaxAttributeReader)
/// instead of binding them. Whatever it reads must generate exactly what binding generates; whatever
/// it cannot read exactly (a name that could find another attribute, an overload it cannot choose, a
/// value it does not know) must make it bind instead. Each case runs the generator both ways.
/// </summary>
public class SyntaxAttributeReaderTests
{
    private sealed record Both(IReadOnlyList<(string HintName, string Text)> Bound, IReadOnlyList<(string HintName, string Text)> FromSyntax, int MachinesReadFromSyntax, IReadOnlyList<string> CompileErrors);

    [ThreadStatic]
    private static List<string>? t_fallbacks;

    private static List<string> Fallbacks => t_fallbacks ??= new List<string>();

    private static Both Generate(params string[] sources)
    {
        var compilation = CompilationFactory.Create(sources);
        var bound = Execute(compilation, SyntaxAttributeReader.TestMode.BoundWithoutMemo, out _, out var errors);
        var fromSyntax = Execute(compilation, SyntaxAttributeReader.TestMode.SyntaxWithoutMemo, out var read, out _);
        return new Both(bound, fromSyntax, read, errors);
    }

    private static IReadOnlyList<(string HintName, string Text)> Execute(Microsoft.CodeAnalysis.Compilation compilation, SyntaxAttributeReader.TestMode mode, out int read, out IReadOnlyList<string> errors)
    {
        var before = SyntaxAttributeReader.MachinesReadOnThisThread;
        SyntaxAttributeReader.TestModeOnThisThread = mode;
        SyntaxAttributeReader.FallbacksOnThisThread = Fallbacks;
        try
        {
            var run = CompilationGeneratorRunner.Execute(compilation);
            Assert.Null(run.GeneratorException);
            read = SyntaxAttributeReader.MachinesReadOnThisThread - before;
            errors = CompilationFactory.Errors(run.Output).Select(e => e.ToString()).ToList();
            return run.Sources;
        }
        finally
        {
            SyntaxAttributeReader.TestModeOnThisThread = SyntaxAttributeReader.TestMode.Default;
            SyntaxAttributeReader.FallbacksOnThisThread = null;
        }
    }

    private static void AssertSameOutput(Both both)
    {
        Assert.Equal(both.Bound.Select(s => s.HintName), both.FromSyntax.Select(s => s.HintName));
        for (var i = 0; i < both.Bound.Count; i++)
            Assert.True(both.Bound[i].Text == both.FromSyntax[i].Text, both.Bound[i].HintName + " differs:\n--- bound ---\n" + both.Bound[i].Text + "\n--- from syntax ---\n" + both.FromSyntax[i].Text);
    }

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenScenarios.All.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void GoldenScenario_FromSyntax_SameOutputAsBound(string scenario)
    {
        var both = Generate(GoldenScenarios.All[scenario]);
        AssertSameOutput(both);
    }

    /// <summary>Golden scenarios with a machine that must bind, and why (every other golden machine is read from syntax).</summary>
    private static readonly Dictionary<string, string> GoldenScenariosThatBind = new(StringComparer.Ordinal)
    {
        ["Deployment"] = "OrdersMain's [StartExecution(StateMachine = typeof(OrdersChild))] names a machine outside it: not self-contained",
    };

    [Fact]
    public void GoldenScenarios_EveryMachineReadFromSyntax_ExceptTheListedOnes()
    {
        var binding = new List<string>();
        foreach (var (name, source) in GoldenScenarios.All)
        {
            Fallbacks.Clear();
            Generate(source);
            if (Fallbacks.Count > 0) binding.Add(name + " (" + string.Join("; ", Fallbacks) + ")");
        }
        var actual = binding.Select(b => b.Substring(0, b.IndexOf(' '))).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.True(GoldenScenariosThatBind.Keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(actual),
            "golden scenarios that bind a machine:\n  " + string.Join("\n  ", binding));
    }

    private const string Machine = """
        using Flowstate;

        namespace Demo;

        [StateMachine("syntax-orders", Comment = "c", TimeoutSeconds = 60 * 5)]
        [StartAt(typeof(Work))]
        public partial class Orders
        {
            [LambdaInvoke("arn:aws:lambda:us-east-1:123456789012:function:" + "f", PayloadPath = "$", Next = typeof(Orders.Choose))]
            [Retry(LambdaErrors.ServiceException, LambdaErrors.TooManyRequestsException, IntervalSeconds = 2, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = JitterStrategy.Full)]
            [Catch(typeof(Failed), StatesErrors.All, ResultPath = "$.error")]
            public class Work;

            [Choice(Default = typeof(Done))]
            [When("$.n > " + "1", Next = typeof(Work))]
            public class Choose;

            [Wait(Seconds = (int)2.0, Next = typeof(Done))] public class Pause;
        [Pass(Result = "{\"x\": -1.5}", Next = typeof(Pause))] public class Shape;
            [Succeed] public class Done;
            [Fail("Boom", "it broke")] public class Failed;
        }
        """;

    [Fact]
    public void LiteralsConstantsEnumsArithmeticAndTypeofs_ReadFromSyntax_SameOutput()
    {
        Fallbacks.Clear();
        var both = Generate(Machine);
        Assert.Empty(both.CompileErrors);
        Assert.True(both.MachinesReadFromSyntax == 1, "bound instead: " + string.Join("; ", Fallbacks));
        AssertSameOutput(both);
    }

    [Fact]
    public void StateClassesNamedLikeFlowstateAttributes_StillReadFromSyntax()
    {
        // A state class called Wait or Retry is no attribute class: [Wait] still finds Flowstate's.
        const string source = """
            using Flowstate;

            namespace Demo;

            public class Retry { }

            [StateMachine]
            public partial class Named
            {
                [Wait(Seconds = 1, Next = typeof(Pass))] public class Wait;
                [Pass(End = true)] public class Pass;
            }
            """;
        var both = Generate(source);
        Assert.Empty(both.CompileErrors);
        Assert.Equal(1, both.MachinesReadFromSyntax);
        AssertSameOutput(both);
    }

    public static TheoryData<string, string> BindInstead() => new()
    {
        {
            "an alias",
            """
            using F = Flowstate;
            using Flowstate;
            namespace Demo;
            [StateMachine] public partial class M { [F.Pass(End = true)] public class A; }
            """
        },
        {
            "a user attribute class with a Flowstate attribute's name in an imported namespace",
            """
            using Flowstate;
            using Other;
            namespace Other { public sealed class PassAttribute : System.Attribute { public bool End { get; set; } } }
            namespace Demo { [StateMachine] public partial class M { [Wait(Seconds = 1, End = true)] public class A; } }
            """
        },
        {
            "a constant of the user's own type",
            """
            using Flowstate;
            namespace Demo;
            public static class Settings { public const int Seconds = 3; }
            [StateMachine] public partial class M { [Wait(Seconds = Settings.Seconds, End = true)] public class A; }
            """
        },
        {
            "a null for two overloads (StartAt(Type) and StartAt(string))",
            """
            using Flowstate;
            namespace Demo;
            [StateMachine, StartAt(null)] public partial class M { [Pass(End = true)] public class A; }
            """
        },
        {
            "float arithmetic (not evaluated here)",
            """
            using Flowstate;
            namespace Demo;
            [StateMachine] public partial class M { [LambdaInvoke("f", End = true)] [Retry(BackoffRate = 2.5f * 1)] public class A; }
            """
        },
        {
            "an attribute that is not Flowstate's",
            """
            using System;
            using Flowstate;
            namespace Demo;
            [StateMachine] public partial class M { [Obsolete] [Pass(End = true)] public class A; }
            """
        },
        {
            "a using relative to the enclosing namespace",
            """
            namespace Demo.Inner { public static class Helper { } }
            namespace Demo
            {
                using Flowstate;
                using Inner;
                [StateMachine] public partial class M { [Pass(End = true)] public class A; }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(BindInstead))]
    public void NotReadableExactly_BindsInstead_SameOutput(string why, string source)
    {
        var both = Generate(source);
        Assert.True(both.MachinesReadFromSyntax == 0, why + ": was read from syntax");
        AssertSameOutput(both);
    }
}
