using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;

namespace Flowstate.Generator.Tests.Parsing;

public class JsonTextParsingTests : ParsingTestBase
{
    [Theory]
    [InlineData("{% $states.input %}")]
    [InlineData("  {% $x %}  ")]
    [InlineData("{%$states.result.Payload%}")]
    public void JsonataExpression_BecomesJsonString(string text)
    {
        var s = Spec($$"""[StateMachine] public partial class M { [Pass(Output = "{{text}}")] public class A; }""").Root.States[0];
        Assert.Equal(S(text.Trim()), s.Output);
    }

    [Fact]
    public void JsonataInsideObject_IsParsedAsJson()
    {
        var s = Spec("""[StateMachine] public partial class M { [Pass(Output = "{\"a\": \"{% 1 + 1 %}\"}")] public class A; }""").Root.States[0];
        Assert.Equal(J("{\"a\": \"{% 1 + 1 %}\"}"), s.Output);
    }

    [Fact]
    public void JsonText_KeepsMemberOrderDuplicatesAndNumberLexemes()
    {
        var s = Spec("""[StateMachine] public partial class M { [Pass(Result = "{\"b\": 2.0, \"a\": 1e3, \"b\": -0}")] public class A; }""").Root.States[0];
        var result = s.Result!;
        Assert.Equal(new[] { "b", "a", "b" }, result.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "2.0", "1e3", "-0" }, result.Properties.Select(p => p.Value.Text));
    }

    [Fact]
    public void RawStringLiteral_Multiline_Parsed()
    {
        var s = Spec(""""
            [StateMachine] public partial class M
            {
                [Pass(Parameters = """
                    {
                      "id.$": "$.orderId",
                      "static": [1, 2]
                    }
                    """)]
                public class A;
            }
            """").Root.States[0];
        Assert.Equal(J("{\"id.$\": \"$.orderId\", \"static\": [1, 2]}"), s.Parameters);
    }

    [Fact]
    public void InvalidJson_RegularLiteral_ReportsFlow0003AtExactCharacter()
    {
        const string source = """[StateMachine] public partial class M { [Pass(Parameters = "{\"a\": 1,, \"b\": 2}")] public class A; }""";
        var result = Parse(source, locations: true);

        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Equal("Parameters", d.MessageArgs[0]);
        Assert.Equal("state 'A'", d.MessageArgs[1]);
        Assert.Contains("character 9", d.MessageArgs[2]);
        Assert.Equal(",", TextAt(source, d.Location));
        Assert.Equal(1, d.Location.Length);
        Assert.Null(result.Spec!.Root.States[0].Parameters);
    }

    [Fact]
    public void InvalidJson_EscapedCharactersBefore_MapsThroughEscapes()
    {
        // \u0041 is one character of the value but six of the source.
        const string source = """[StateMachine] public partial class M { [Pass(Result = "[\"\u0041\", tru]")] public class A; }""";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.InvalidJson);
        var prefix = Header + source;
        Assert.Equal(prefix.IndexOf("tru]", StringComparison.Ordinal), d.Location.Start);
    }

    [Fact]
    public void InvalidJson_VerbatimLiteral_ReportsAtExactCharacter()
    {
        const string source = """[StateMachine] public partial class M { [Pass(Result = @"{""a"": x}")] public class A; }""";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Equal("x", TextAt(source, d.Location));
    }

    [Fact]
    public void InvalidJson_MultilineRawLiteral_ReportsAtExactCharacterWithLine()
    {
        const string source = """"
            [StateMachine] public partial class M
            {
                [Pass(Parameters = """
                    {
                      "a": 1
                      "b": 2
                    }
                    """)]
                public class A;
            }
            """";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Contains("line 3, column 3", d.MessageArgs[2]);
        Assert.Equal("\"", TextAt(source, d.Location));
        Assert.Equal(8, d.Location.StartLine); // zero-based: the line of "b" (after the 3-line header)
        Assert.Equal(10, d.Location.StartColumn);
    }

    [Fact]
    public void InvalidJson_UnexpectedEnd_PointsAfterLastCharacter()
    {
        const string source = """[StateMachine] public partial class M { [Pass(Result = "  ")] public class A; }""";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.InvalidJson);
        var full = Header + source;
        Assert.Equal(full.IndexOf("\"  \"", StringComparison.Ordinal) + 3, d.Location.Start);
        Assert.Equal(0, d.Location.Length);
    }

    [Fact]
    public void InvalidJson_ConstantArgument_PointsAtWholeArgument()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                private const string Bad = "{oops}";
                [Pass(Result = Bad)] public class A;
            }
            """;
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Equal("Bad", TextAt(source, d.Location));
    }

    [Fact]
    public void InvalidJson_EmptyText_ReportsFlow0003()
    {
        var result = Parse("""[StateMachine] public partial class M { [Pass(Result = "")] public class A; }""");
        Single(result, DiagnosticIds.InvalidJson);
    }

    [Fact]
    public void InvalidJson_InTypedIntegrationProperty_ReportsFlow0003WithPropertyName()
    {
        var result = Parse("""[StateMachine] public partial class M { [LambdaInvoke("f", Payload = "{nope}")] public class A; }""");
        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Equal("Payload", d.MessageArgs[0]);
        Assert.Equal(J("{\"FunctionName\": \"f\"}"), result.Spec!.Root.States[0].Parameters);
    }

    [Fact]
    public void InvalidJson_InAslField_ReportsFlow0003()
    {
        var result = Parse("""[StateMachine, AslField("X", "{")] public partial class M { [Succeed] public class A; }""");
        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Equal("[AslField(\"X\")]", d.MessageArgs[0]);
        Assert.True(result.Spec!.Extras.IsEmpty);
    }

    [Fact]
    public void BackoffRateNaN_ReportsFlow0003()
    {
        var result = Parse("[StateMachine] public partial class M { [Task(\"arn\")] [Retry(\"E\", BackoffRate = double.NaN)] public class A; }");
        var d = Single(result, DiagnosticIds.InvalidJson);
        Assert.Equal("BackoffRate", d.MessageArgs[0]);
        Assert.Null(result.Spec!.Root.States[0].Retry!.Value[0].BackoffRate);
    }
}
