using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// Issue 11 item 11: "{% %}" expressions are parsed as JSONata (FLOW3011), and the finding sits on the
/// character of the C# literal where the expression goes wrong, whether the expression is the whole
/// argument or a string inside a JSON payload.
/// </summary>
public class JsonataSyntaxRulesTests
{
    private static string Pass(string arguments) => $$"""
        [StateMachine(QueryLanguage = QueryLanguage.Jsonata)] public partial class M
        {
            [Pass({{arguments}}, End = true)] public class Step;
        }
        """;

    [Fact]
    public Task WildcardThenNumber_OnTheNumber()
        // In JSONata a '*' where an operand belongs is the wildcard step, so "10 + *" parses and the '2' is the error (as jsonata-js says).
        => VerifyAsync(Pass("Output = \"{% 10 + * {|FLOW3011:2|} %}\""));

    [Fact]
    public Task TwoBinaryOperators_OnTheSecond()
        => VerifyAsync(Pass("Output = \"{% 1 + {|FLOW3011:+|} 2 %}\""));

    [Fact]
    public Task NumberEndingInADot_OnTheEnd()
        => VerifyAsync(Pass("Output = \"{% 420. {|FLOW3011:%|}}\""));

    [Fact]
    public Task JsonPathFilterSyntax_OnTheQuestionMark()
        => VerifyAsync(Pass("Output = \"{% $.store.book[{|FLOW3011:?|}(@.price < 10)].title %}\""));

    [Fact]
    public Task InsideJsonPayload_OnTheCharacterInTheRawString()
        => VerifyAsync(Pass("Output = \"\"\"{ \"total\": \"{% $sum($states.input.items.price) + {|FLOW3011:)|} %}\" }\"\"\""));

    [Fact]
    public Task AfterAnEscapeInAVerbatimPayload_OnTheRightCharacter()
        => VerifyAsync(Pass("Output = @\"{ \"\"text\"\": \"\"{% 'a\\\\tb' & {|FLOW3011:)|} %}\"\" }\""));

    [Fact]
    public Task ChoiceCondition_OnTheOperator()
        => VerifyAsync("""
            [StateMachine(QueryLanguage = QueryLanguage.Jsonata)] public partial class M
            {
                [Choice(Default = typeof(Done))]
                [When("{% $states.input.n > {|FLOW3011:)|} %}", Next = typeof(Done))]
                public class Check;
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task WellFormedExpressions_NotReported()
        => VerifyAsync(Pass("""Output = "{% $states.input.items[price < 10].{ 'name': name, 'total': $sum(price * qty) } ~> $sort(function($a, $b) { $a.total > $b.total }) %}", Assign = "{ \"count\": \"{% $count($states.input.items) %}\", \"re\": \"{% $match($states.input.s, /ab+c/i) ? true : false %}\" }" """));
}
