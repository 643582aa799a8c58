using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

public class PathRulesTests
{
    private static string Pass(string fields, string top = "") => "{" + top + "`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`," + fields + ",`End`:true}}}";
    private static string Params(string template) => Pass("`Parameters`:" + template);
    private static string Jsonata(string fields) => "{`QueryLanguage`:`JSONata`,`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`," + fields + ",`End`:true}}}";

    public static TheoryData<string, string, string, string[]> Firing => new()
    {
        { Pass("`InputPath`:`$.a b`"), "FLOW3001", "A.InputPath", ["A"] },
        { Pass("`OutputPath`:`$.a[`"), "FLOW3001", "A.OutputPath", ["A"] },
        { Pass("`ResultPath`:`$.items[*]`"), "FLOW3002", "A.ResultPath", ["A", "$.items[*]"] },
        { Pass("`ResultPath`:`$$.Execution.Id`"), "FLOW3002", "A.ResultPath", ["A"] },
        { "{`StartAt`:`W`,`States`:{`W`:{`Type`:`Wait`,`SecondsPath`:`$..s`,`End`:true}}}", "FLOW3002", "W.SecondsPath", ["W"] },
        { Params("{`x.$`:5}"), "FLOW3003", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`hello`}"), "FLOW3004", "A.Parameters", ["x.$", "A", "hello"] },
        { Params("{`x.$`:`States.Fromat('{}', $.a)`}"), "FLOW3005", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.ArrayGetItem($.a)`}"), "FLOW3006", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.UUID(1)`}"), "FLOW3006", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.Format('a', $.b`}"), "FLOW3007", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.Format(\\`a\\`)`}"), "FLOW3007", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.Format('{} and {}', $.a)`}"), "FLOW3008", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.Hash($.a, 'SHA-2')`}"), "FLOW3008", "A.Parameters", ["x.$", "A"] },
        { Params("{`x.$`:`States.JsonMerge($.a, $.b, true)`}"), "FLOW3008", "A.Parameters", ["x.$", "A"] },
        { Params("{`x`:`$.a`}"), "FLOW3009", "A.Parameters", ["x", "A", "$.a"] },
        { Params("{`x`:1,`x.$`:`$.a`}"), "FLOW3010", "A.Parameters", ["A", "x", "x.$"] },
        { Jsonata("`Output`:`{% $states.input.(a %}`"), "FLOW3011", "A.Output", ["A"] },
        { Jsonata("`Output`:{`x`:`{% %}`}"), "FLOW3011", "A.Output", ["A"] },
        { Jsonata("`Output`:`{% $states.input`"), "FLOW3011", "A.Output", ["A"] },
        { Jsonata("`InputPath`:`$.a`"), "FLOW3012", "A.InputPath", ["A"] },
        { Jsonata("`Output`:{`x.$`:`$.a`}"), "FLOW3012", "A.Output", ["A", "x.$"] },
        { Pass("`Output`:{`x`:1}"), "FLOW3013", "A.Output", ["A"] },
        { Params("{`x`:`{% $states.input %}`}"), "FLOW3014", "A.Parameters", ["A"] },
        { Params("{`x.$`:`$$.Execution.Inptu`}"), "FLOW3015", "A.Parameters", ["A", "$$.Execution.Inptu", "$$.Execution.Input"] },
        { Params("{`x.$`:`$$.Foo`}"), "FLOW3015", "A.Parameters", ["A", "$$.Foo"] },
        { Params("{`x.$`:`$customer.name`}"), "FLOW3016", "A.Parameters", ["A", "$customer"] },
        { Pass("`Assign`:{`1st`:1}"), "FLOW3017", "A.Assign", ["A", "1st"] },
        { Pass("`Assign`:{`states.$`:`$.a`}"), "FLOW3017", "A.Assign", ["A", "states.$"] },
    };

    public static TheoryData<string, string> Silent_ => new()
    {
        { Pass("`InputPath`:`$['a b'].c[0]`,`OutputPath`:null"), "FLOW3001" },
        { Pass("`InputPath`:`$.[0]`"), "FLOW3001" },
        { Pass("`InputPath`:`$.items[?(@.price < 10)]`"), "FLOW3001" },
        { Pass("`ResultPath`:`$.a['b'][0]`"), "FLOW3002" },
        { Pass("`ResultPath`:null"), "FLOW3002" },
        { Params("{`x.$`:`$.a`,`y.$`:`States.Format('{}-{}', $.a, States.UUID())`}"), "FLOW3003" },
        { Params("{`x.$`:`$.a`}"), "FLOW3004" },
        { Params("{`x.$`:`States.MathRandom(1, 10)`}"), "FLOW3005" },
        { Params("{`x.$`:`States.MathRandom($.a, 10, 3)`}"), "FLOW3006" },
        { Params("{`x.$`:`States.Format('it\\\\'s {}', $.a)`}"), "FLOW3007" },
        { Params("{`x.$`:`States.Format('\\\\{literal\\\\} {}', $.a)`}"), "FLOW3008" },
        { Params("{`x`:`$ 5 off`}"), "FLOW3009" },
        { Params("{`x`:1,`y.$`:`$.a`}"), "FLOW3010" },
        { Jsonata("`Output`:{`x`:`{% $states.input.a %}`,`y`:`plain text`}"), "FLOW3011" },
        { Jsonata("`Output`:`{% $states.input %}`"), "FLOW3012" },
        { Pass("`OutputPath`:`$.a`"), "FLOW3013" },
        { Params("{`x`:`100% {done}`}"), "FLOW3014" },
        { Params("{`x.$`:`$$.Execution.Input.id`,`y.$`:`$$.Map.Item.Value`,`t.$`:`$$.Task.Token`}"), "FLOW3015" },
        { "{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`,`Assign`:{`customer`:{`name`:`x`}},`Next`:`B`},`B`:{`Type`:`Pass`,`Parameters`:{`x.$`:`$customer.name`},`End`:true}}}", "FLOW3016" },
        { Pass("`Assign`:{`_total.$`:`$.a`,`count2`:1}"), "FLOW3017" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public void PathRule_WrongDefinition_FiresAtField(string json, string id, string where, string[] names) => Fires(json, id, where, names);

    [Theory]
    [MemberData(nameof(Silent_))]
    public void PathRule_CloseCorrectDefinition_StaysSilent(string json, string id) => Silent(json, id);

    [Theory]
    [InlineData("$.data.${Env}_items[0]")]
    [InlineData("$.${Field}")]
    [InlineData("${ResultLocation}")]
    public void Placeholders_InsidePaths_AreNotSyntaxErrors(string path)
    {
        var findings = Validate(J(Pass("`ResultPath`:`" + path.Replace("\"", "\\\"") + "`,`Parameters`:{`a.$`:`" + path + "`}")));
        AssertSilent(findings, "FLOW3001");
        AssertSilent(findings, "FLOW3004");
    }

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.a.b", null)]
    [InlineData("$['a']['b'][0]", null)]
    [InlineData("$$.Execution.Id", null)]
    [InlineData("$var.x", null)]
    [InlineData("$.a[*]", "wildcard")]
    [InlineData("$..a", "recursive")]
    [InlineData("$.a[1:2]", "slice")]
    [InlineData("$.a[0,1]", "union")]
    [InlineData("$.a[?(@.x == 'y')]", "filter")]
    [InlineData("$.a.length()", "function")]
    public void JsonPathSyntax_Analyze_TellsReferencePathsApart(string path, string? reason)
    {
        var analysis = Flowstate.Core.Syntax.JsonPathSyntax.Analyze(path);
        Assert.True(analysis.IsValid, analysis.Error);
        if (reason is null) Assert.Null(analysis.NotReference);
        else Assert.Contains(reason, analysis.NotReference);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$.")]
    [InlineData("$.a b")]
    [InlineData("$.a[")]
    [InlineData("$.a[x]")]
    [InlineData("$.a[?(@.x]")]
    [InlineData("$x y")]
    public void JsonPathSyntax_Analyze_RejectsMalformedPaths(string path)
        => Assert.False(Flowstate.Core.Syntax.JsonPathSyntax.Analyze(path).IsValid);

    [Theory]
    [MemberData(nameof(Intrinsics))]
    public void Intrinsic_EveryFunctionWithItsArity_IsAccepted(string call)
    {
        var findings = Validate(J(Params("{`x.$`:`" + call + "`}")));
        Assert.DoesNotContain(findings, f => f.Id.StartsWith("FLOW300", StringComparison.Ordinal));
    }

    public static TheoryData<string> Intrinsics => new()
    {
        "States.Format('{}', $.a)", "States.StringToJson($.s)", "States.JsonToString($.o)", "States.Array()", "States.Array($.a, 1, 'x', true, null)",
        "States.ArrayPartition($.a, 2)", "States.ArrayContains($.a, $.v)", "States.ArrayRange(1, 9, 2)", "States.ArrayGetItem($.a, 0)",
        "States.ArrayLength($.a)", "States.ArrayUnique($.a)", "States.Base64Encode($.s)", "States.Base64Decode($.s)", "States.Hash($.s, 'SHA-256')",
        "States.JsonMerge($.a, $.b, false)", "States.MathRandom(1, 99)", "States.MathAdd($.n, -1)", "States.StringSplit($.s, ',')", "States.UUID()",
    };

    [Fact]
    public void Intrinsic_NestedElevenDeep_IsRejected()
    {
        var call = "$.a";
        for (var i = 0; i < 11; i++) call = $"States.ArrayLength({call})";
        var findings = Validate(J(Params("{`x.$`:`" + call + "`}")));
        Assert.Contains(findings, f => f.Id == "FLOW3007" && f.Message.Contains("at most 10", StringComparison.Ordinal));
    }
}
