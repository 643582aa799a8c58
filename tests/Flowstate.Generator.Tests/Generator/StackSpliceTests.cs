using System.Text.RegularExpressions;
using Flowstate.Generator.Emitting;
using Flowstate.Generator.Tests.Support;
using Flowstate.Internal;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// The generated stacks file takes each definition from its machine's AslJson constant instead of
/// repeating it (CS8103 at 200 machines): the composed <c>StackDefinition.TemplateJson</c>, read from
/// the compiled assembly, must be byte-identical to what TemplateWriter.Write produced in the generator
/// (the StackTemplates step's output), and where a definition cannot be taken from the constant
/// (private class, DefinitionString, a look-alike "Definition" key) the template keeps its text.
/// </summary>
public class StackSpliceTests
{
    private const string NestCall = "global::Flowstate.Internal.GeneratedCode.NestJson(";

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenScenarios.All.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void GoldenScenario_ComposedTemplate_IsTheWrittenTemplate(string scenario)
    {
        var (written, composed, source) = Generate(GoldenScenarios.All[scenario]);

        Assert.Equal(written, composed);
        // Every Definition object of the goldens comes from a constant (their machines are all reachable);
        // the IntrinsicKeys machine is written as DefinitionString and has none.
        Assert.Equal(written.Sum(t => Count(t, "\"Definition\": {")), Count(source, NestCall));
        Assert.DoesNotContain("\"\"Definition\"\": {", source);
    }

    [Fact]
    public void GoldenScenarios_SpliceSomething()
        => Assert.True(GoldenScenarios.All.Values.Sum(s => Count(Generate(s).Source, NestCall)) >= GoldenScenarios.All.Count,
            "the goldens should exercise the spliced form");

    [Fact]
    public void PrivateNestedMachine_KeepsItsDefinitionText_OthersSpliced()
    {
        var (written, composed, source) = Generate("""
            using Flowstate;

            namespace Demo;

            public partial class Outer
            {
                [StateMachine("hidden")]
                private partial class Hidden
                {
                    [Pass(Result = "\"secret\"", End = true)] public class Only;
                }
            }

            [StateMachine("shown")]
            public partial class Shown
            {
                [Pass(Result = "\"public\"", End = true)] public class Only;
            }
            """);

        Assert.Equal(written, composed);
        Assert.Contains(NestCall + "global::Demo.Shown.AslJson, 8)", source);
        Assert.DoesNotContain("Hidden.AslJson", source);
        Assert.Contains("\"\"Result\"\": \"\"secret\"\"", source); // the private machine's definition as text
        Assert.Equal(1, Count(source, NestCall));
    }

    [Fact]
    public void DefinitionStringMachine_KeepsItsText_NextMachineSpliced()
    {
        var (written, composed, source) = Generate(GoldenScenarios.All["IntrinsicKeys"] + """

            [StateMachine("plain")]
            public partial class Plain
            {
                [Pass(End = true)] public class Only;
            }
            """);

        Assert.Equal(written, composed);
        Assert.Contains("\"\"DefinitionString\"\":", source);
        Assert.DoesNotContain("IntrinsicKeys.AslJson", source);
        Assert.Equal(1, Count(source, NestCall + "global::Demo.Plain.AslJson, 8)"));
    }

    [Fact]
    public void DefinitionKeyInARoleStatement_IsPassedOver_BothMachinesSpliced()
    {
        // A's role (after A's machine resource, before B's) holds a user's own "Definition" key: the search for
        // B's definition meets it first and must go on to the real one.
        var (written, composed, source) = Generate(""""
            using Flowstate;

            namespace Demo;

            [StateMachine("a")]
            [RolePolicyStatement("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { "StringEquals": { "Definition": "{ \"StartAt\": \"Only\" }" } }, "Sid": "Definition" }""")]
            public partial class A
            {
                [Pass(Result = """{ "Definition": { "StartAt": "Only" } }""", End = true)] public class Only;
            }

            [StateMachine("b")]
            public partial class B
            {
                [Pass(Result = """{ "Definition": { "StartAt": "Only" } }""", End = true)] public class Only;
            }
            """");

        Assert.Equal(written, composed);
        Assert.Contains(NestCall + "global::Demo.A.AslJson, 8)", source);
        Assert.Contains(NestCall + "global::Demo.B.AslJson, 8)", source);
    }

    [Fact]
    public void Find_DefinitionTextDiffersFromTheConstant_NoSpliceForThatMachine()
    {
        const string asl = "{\n  \"StartAt\": \"X\"\n}\n";
        var json = "{\n  \"R\": {\n    \"A\": {\n      \"Definition\": " + GeneratedCode.NestJson(asl, 6) + "\n    },\n    \"B\": {\n      \"Definition\": "
                   + GeneratedCode.NestJson(asl.Replace("X", "Y"), 6) + "\n    }\n  }\n}\n";

        var found = TemplateSplices.Find(json, new[]
        {
            new SpliceCandidate("global::A", asl, true),
            new SpliceCandidate("global::B", asl, true), // its constant says X, the template Y
        }, CancellationToken.None);

        var only = Assert.Single(found.Items);
        Assert.Equal("global::A", only.TypeName);
        Assert.Equal(6, only.Indent);
        Assert.Equal(json, TemplateSplices.Compose(json, found.Items, _ => asl));
    }

    [Fact]
    public void Find_UnreachableMachine_SkippedButSearchGoesOn()
    {
        const string a = "{\n  \"StartAt\": \"A\"\n}\n";
        const string b = "{\n  \"StartAt\": \"B\"\n}\n";
        var json = "{\n  \"Definition\": " + GeneratedCode.NestJson(a, 2) + ",\n  \"Definition\": " + GeneratedCode.NestJson(b, 2) + "\n}\n";

        var found = TemplateSplices.Find(json, new[] { new SpliceCandidate(null, a, true), new SpliceCandidate("global::B", b, true) }, CancellationToken.None);

        var only = Assert.Single(found.Items);
        Assert.Equal("global::B", only.TypeName);
        Assert.Equal(json.LastIndexOf("{\n    \"StartAt\": \"B\"", StringComparison.Ordinal), only.Start);
    }

    [Theory]
    [InlineData("{\n  \"a\": 1\n}\n", 4, "{\n      \"a\": 1\n    }")]
    [InlineData("{\n  \"a\": 1\n}", 2, "{\n    \"a\": 1\n  }")]
    [InlineData("{}\n", 8, "{}")]
    [InlineData("", 3, "")]
    [InlineData("[\n  \"x\\ny\"\n]\n", 0, "[\n  \"x\\ny\"\n]")]
    public void NestJson_IndentsEveryLineButTheFirst_DropsTheFinalLineBreak(string json, int indent, string expected)
        => Assert.Equal(expected, GeneratedCode.NestJson(json, indent));

    /// <summary>The templates the generator wrote (TemplateWriter.Write), the templates the compiled program composes, and the stacks file.</summary>
    private static (List<string> Written, List<string> Composed, string Source) Generate(string source)
    {
        var run = CompilationGeneratorRunner.Execute(source);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        var errors = CompilationFactory.Errors(run.Output);
        Assert.True(errors.Count == 0, "generated code does not compile:\n" + string.Join("\n", errors));

        var step = Assert.Single(run.Result.Results.Single().TrackedSteps[TrackingNames.StackTemplates]);
        var templates = (FlowstateGenerator.StackTemplates)Assert.Single(step.Outputs).Value;
        var written = templates.Stacks.Select(s => s.Json).ToList();
        Assert.NotEmpty(written);
        var composed = CompilationGeneratorRunner.Stacks(CompilationGeneratorRunner.Load(run.Output)).Select(s => s.TemplateJson).ToList();
        return (written, composed, run.Source(FlowstateGenerator.StackTemplates.HintName));
    }

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    private static int Count(IEnumerable<string> texts, string what) => texts.Sum(t => Count(t, what));
}
