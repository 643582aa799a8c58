using System.Text;
using Flowstate.Cli.Commands;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Issue 11 item 11 through `flowstate validate`: an unparseable JSONata expression is an error at the
/// line and column of the character where it goes wrong; well-formed ones pass.
/// </summary>
public sealed class JsonataValidateTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("flowstate-jsonata-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private (int ExitCode, string Stdout) Validate(string json)
    {
        var path = Path.Combine(_temp, "m.asl.json");
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(json));
        var stdout = new StringWriter();
        var code = FlowstateCli.Run(new[] { "validate", path }, stdout, new StringWriter());
        return (code, stdout.ToString().Replace("\r\n", "\n").Replace(path, "m.asl.json"));
    }

    private static string Machine(string output) => """
        {
          "QueryLanguage": "JSONata",
          "StartAt": "Step",
          "States": {
            "Step": {
              "Type": "Pass",
              "Output": { "value": "OUTPUT" },
              "End": true
            }
          }
        }
        """.Replace("OUTPUT", output);

    [Theory]
    // line 7 is the Output line, `      "Output": { "value": "`: character k (from 0) of the expression is column 29 + k
    [InlineData("{% 10 + * 2 %}", 39)]
    [InlineData("{% 1 + + 2 %}", 36)]
    [InlineData("{% 420. %}", 37)]
    [InlineData("{% $.store.book[?(@.price < 10)].title %}", 45)]
    public void IssueExamples_ErrorAtLineAndColumnOfTheCharacter_Exit1(string expression, int column)
    {
        var (code, stdout) = Validate(Machine(expression));
        Assert.Contains($"m.asl.json:7:{column}: error FLOW3011: Output of state 'Step' is not a valid JSONata expression", stdout, StringComparison.Ordinal);
        Assert.Equal(1, code);
    }

    [Fact]
    public void EscapedCharactersBeforeTheError_CountedAsWritten()
    {
        // \" and \n take two characters each in the file, one in the expression.
        var (code, stdout) = Validate(Machine("{% \\\"a\\n\\\" & ) %}"));
        Assert.Contains("m.asl.json:7:42: error FLOW3011", stdout, StringComparison.Ordinal);
        Assert.Equal(1, code);
    }

    [Fact]
    public void WellFormedExpressions_NoFinding_Exit0()
    {
        var (code, stdout) = Validate(Machine("{% $states.input.items[price < 10].{ 'name': name } ~> $sort(function($a, $b) { $a.name > $b.name }) %}"));
        Assert.DoesNotContain("FLOW3011", stdout, StringComparison.Ordinal);
        Assert.Equal(0, code);
    }
}
