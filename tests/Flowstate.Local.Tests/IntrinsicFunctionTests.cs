namespace Flowstate.Local.Tests;

/// <summary>
/// Every intrinsic function with the input/output examples of AWS's "Intrinsic functions for
/// JSONPath states in Step Functions" page, run through a Pass state's Parameters.
/// </summary>
public class IntrinsicFunctionTests
{
    private static Flowstate.Core.Json.JsonValue Eval(string expression, string input)
    {
        var asl = H.PassMachine($$"""
            "Parameters": { "r.$": {{System.Text.Json.JsonSerializer.Serialize(expression)}} }
            """);
        var r = H.Run(asl, input);
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.ToString());
        return r.Output!["r"]!;
    }

    [Theory]
    [InlineData("States.Format('Hello, my name is {}.', $.name)", """{ "name": "Arnav", "template": "Hello, my name is {}." }""", "\"Hello, my name is Arnav.\"")]
    [InlineData("States.Format($.template, $.name)", """{ "name": "Arnav", "template": "Hello, my name is {}." }""", "\"Hello, my name is Arnav.\"")]
    [InlineData("States.StringToJson($.escapedJsonString)", """{ "escapedJsonString": "{\"foo\": \"bar\"}" }""", """{ "foo": "bar" }""")]
    [InlineData("States.JsonToString($.unescapedJson)", """{ "unescapedJson": { "foo": "bar" } }""", "\"{\\\"foo\\\":\\\"bar\\\"}\"")]
    [InlineData("States.Array($.Id)", """{ "Id": 123456 }""", "[123456]")]
    [InlineData("States.ArrayPartition($.inputArray,4)", """{ "inputArray": [1,2,3,4,5,6,7,8,9] }""", "[[1,2,3,4],[5,6,7,8],[9]]")]
    [InlineData("States.ArrayContains($.inputArray, $.lookingFor)", """{ "inputArray": [1,2,3,4,5,6,7,8,9], "lookingFor": 5 }""", "true")]
    [InlineData("States.ArrayRange(1, 9, 2)", "{}", "[1,3,5,7,9]")]
    [InlineData("States.ArrayGetItem($.inputArray, $.index)", """{ "inputArray": [1,2,3,4,5,6,7,8,9], "index": 5 }""", "6")]
    [InlineData("States.ArrayLength($.inputArray)", """{ "inputArray": [1,2,3,4,5,6,7,8,9] }""", "9")]
    [InlineData("States.ArrayUnique($.inputArray)", """{ "inputArray": [1,2,3,3,3,3,3,3,4] }""", "[1,2,3,4]")]
    [InlineData("States.Base64Encode($.input)", """{ "input": "Data to encode" }""", "\"RGF0YSB0byBlbmNvZGU=\"")]
    [InlineData("States.Base64Decode($.base64)", """{ "base64": "RGF0YSB0byBlbmNvZGU=" }""", "\"Data to encode\"")]
    [InlineData("States.Hash($.Data, $.Algorithm)", """{ "Data": "input data", "Algorithm": "SHA-1" }""", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"")]
    [InlineData("States.JsonMerge($.json1, $.json2, false)", """{ "json1": { "a": {"a1": 1, "a2": 2}, "b": 2 }, "json2": { "a": {"a3": 1, "a4": 2}, "c": 3 } }""", """{ "a": {"a3": 1, "a4": 2}, "b": 2, "c": 3 }""")]
    [InlineData("States.MathAdd($.value1, $.step)", """{ "value1": 111, "step": -1 }""", "110")]
    [InlineData("States.StringSplit($.inputString, $.splitter)", """{ "inputString": "1,2,3,4,5", "splitter": "," }""", """["1","2","3","4","5"]""")]
    [InlineData("States.StringSplit($.inputString, $.splitter)", """{ "inputString": "This.is+a,test=string", "splitter": ".+,=" }""", """["This","is","a","test","string"]""")]
    public void Documented_example_gives_documented_result(string expression, string input, string expected)
        => H.JsonEqual(expected, Eval(expression, input));

    [Fact]
    public void Format_escapes_braces_and_quotes()
        => H.JsonEqual("\"{} it's {x}\"", Eval(@"States.Format('\\{\\} it\'s \\{{}\\}', $.v)".Replace(@"\\", @"\"), """{ "v": "x" }"""));

    [Fact]
    public void Format_writes_non_strings_as_json()
        => H.JsonEqual("\"n=3 o={\\\"a\\\":[1,true]}\"", Eval("States.Format('n={} o={}', $.n, $.o)", """{ "n": 3, "o": { "a": [1, true] } }"""));

    [Fact]
    public void Hash_supports_every_documented_algorithm()
    {
        H.JsonEqual("\"" + Md5("input data") + "\"", Eval("States.Hash('input data', 'MD5')", "{}"));
        foreach (var algorithm in new[] { "SHA-256", "SHA-384", "SHA-512" })
            Assert.Equal(algorithm switch { "SHA-256" => 64, "SHA-384" => 96, _ => 128 }, Eval($"States.Hash('input data', '{algorithm}')", "{}").Text!.Length);
    }

    private static string Md5(string s) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)));

    [Fact]
    public void MathRandom_is_in_range_and_reproducible_with_a_seed_argument()
    {
        var a = Eval("States.MathRandom($.start, $.end)", """{ "start": 1, "end": 999 }""");
        Assert.True(a.AsDouble() is >= 1 and < 999);
        var s1 = Eval("States.MathRandom(1, 999, 42)", "{}");
        var s2 = Eval("States.MathRandom(1, 999, 42)", "{}");
        Assert.Equal(s1, s2);
    }

    [Fact]
    public void Uuid_is_a_version_4_uuid_and_the_run_seed_makes_it_reproducible()
    {
        var asl = H.PassMachine("""  "Parameters": { "id.$": "States.UUID()" }  """);
        var a = LocalRunner.FromAsl(asl).Configure(o => o.Seed = 7).Run().Output!["id"]!.Text!;
        var b = LocalRunner.FromAsl(asl).Configure(o => o.Seed = 7).Run().Output!["id"]!.Text!;
        var c = LocalRunner.FromAsl(asl).Configure(o => o.Seed = 8).Run().Output!["id"]!.Text!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Nested_calls_as_in_the_documented_nested_example()
        => H.JsonEqual("\"1.0\"", Eval(
            "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
            """{ "ImageRecipe": { "Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/a.b.c/1.0.0" } }"""));

    [Theory]
    [InlineData("States.ArrayGetItem($.a, 5)", "outside the array")]
    [InlineData("States.ArrayPartition($.a, 0)", "positive integer")]
    [InlineData("States.Base64Decode('***')", "not base64")]
    [InlineData("States.StringToJson('{nope')", "not JSON")]
    [InlineData("States.Format('{} {}', 1)", "placeholder")]
    [InlineData("States.Hash('x', 'SHA-3')", "SHA-3")]
    public void Bad_arguments_fail_the_execution_with_States_Runtime(string expression, string causeContains)
    {
        var asl = H.PassMachine($$"""  "Parameters": { "r.$": {{System.Text.Json.JsonSerializer.Serialize(expression)}} }  """);
        H.Fails(H.Run(asl, """{ "a": [1, 2] }"""), "States.Runtime", causeContains);
    }
}
