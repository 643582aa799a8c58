using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// FLOW3001..FLOW3017 on C#. A problem inside a JSON payload lands on the characters of the JSON
/// value (or key) inside the string literal; one in a typed integration property lands on that property.
/// </summary>
public class PathRulesTests
{
    private static string Sqs(string parameters) => $$""""
        [StateMachine] public partial class M
        {
            [Task("arn:aws:states:::sqs:sendMessage", TimeoutSeconds = 30, End = true, Parameters = """
                {
                  "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
        {{parameters}}
                }
                """)]
            public class Send;
        }
        """";

    private static string Pass(string arguments, string query = "") => $$"""
        [StateMachine{{query}}] public partial class M
        {
            [Pass({{arguments}}, End = true)] public class Step;
        }
        """;

    // ---- FLOW3001 ----

    [Fact]
    public Task Flow3001_BadPathInDollarValue_OnJsonString()
        => VerifyAsync(Sqs("""          "MessageBody.$": {|FLOW3001:"$.order[0"|}"""));

    [Fact]
    public Task Flow3001_BadPathInRegularLiteral_OnEscapedJsonString()
        => VerifyAsync(Pass("Parameters = \"{\\\"id.$\\\": {|FLOW3001:\\\"$.order[0\\\"|}}\""));

    [Fact]
    public Task Flow3001_BadInputPath_OnArgument()
        => VerifyAsync(Pass("InputPath = {|FLOW3001:\"$.order items\"|}"));

    [Fact]
    public Task Flow3001_BadTypedPathProperty_OnThatProperty()
        => VerifyAsync("""[StateMachine] public partial class M { [LambdaInvoke("process", PayloadPath = {|FLOW3001:"$.order["|}, TimeoutSeconds = 30, End = true)] public class Process; }""");

    [Fact]
    public Task Flow3001_BadPathInTypedJsonProperty_OnJsonStringInThatProperty()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [LambdaInvoke("process", TimeoutSeconds = 30, End = true, Payload = """{ "id.$": {|FLOW3001:"$.order..["|} }""")] public class Process;
            }
            """");

    [Fact]
    public Task Flow3001_BadPathInRawState_OnJsonStringInRawState()
        => VerifyAsync(""""
            [StateMachine, RawState("Legacy", """{ "Type": "Pass", "Parameters": { "a.$": {|FLOW3001:"$.x["|} }, "End": true }""")]
            public partial class M
            {
                [Pass(NextName = "Legacy")] public class Start;
            }
            """");

    [Fact]
    public Task Flow3001_ValidPaths_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "$.order[0]", "Group.$": "$['order id']" """));

    // ---- FLOW3002 ----

    [Fact]
    public Task Flow3002_ItemsPathWithWildcard_OnArgument()
        => VerifyAsync("""
            [StateMachine] public partial class M
            {
                [Map(ItemsPath = {|FLOW3002:"$.orders[*]"|}, End = true)] public class Each { [Pass(End = true)] public class Item; }
            }
            """);

    [Fact]
    public Task Flow3002_ItemsPathReference_NotReported()
        => VerifyAsync("""
            [StateMachine] public partial class M
            {
                [Map(ItemsPath = "$.orders", End = true)] public class Each { [Pass(End = true)] public class Item; }
            }
            """);

    // ---- FLOW3003 / FLOW3004 ----

    [Fact]
    public Task Flow3003_DollarKeyWithNumber_OnValue()
        => VerifyAsync(Sqs("""          "DelaySeconds.$": {|FLOW3003:5|}"""));

    [Fact]
    public Task Flow3003_PlainKeyWithNumber_NotReported()
        => VerifyAsync(Sqs("""          "DelaySeconds": 5"""));

    [Fact]
    public Task Flow3004_DollarKeyWithPlainText_OnValue()
        => VerifyAsync(Sqs("""          "MessageBody.$": {|FLOW3004:"order created"|}"""));

    [Fact]
    public Task Flow3004_PlainKeyWithPlainText_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody": "order created" """));

    // ---- FLOW3005..FLOW3008 intrinsic functions ----

    [Fact]
    public Task Flow3005_UnknownIntrinsic_OnValue()
        => VerifyAsync(Sqs("""          "MessageDeduplicationId.$": {|FLOW3005:"States.UUIDv4()"|}"""));

    [Fact]
    public Task Flow3005_KnownIntrinsic_NotReported()
        => VerifyAsync(Sqs("""          "MessageDeduplicationId.$": "States.UUID()" """));

    [Fact]
    public Task Flow3006_WrongArity_OnValue()
        => VerifyAsync(Sqs("""          "MessageBody.$": {|FLOW3006:"States.ArrayGetItem($.items)"|}"""));

    [Fact]
    public Task Flow3006_RightArity_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "States.ArrayGetItem($.items, 0)" """));

    [Fact]
    public Task Flow3007_UnclosedCall_OnValue()
        => VerifyAsync(Sqs("""          "MessageBody.$": {|FLOW3007:"States.Format('order {}', $.id"|}"""));

    [Fact]
    public Task Flow3007_ClosedCall_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "States.Format('order {}', $.id)" """));

    [Fact]
    public Task Flow3008_UnknownHashAlgorithm_OnValue()
        => VerifyAsync(Sqs("""          "MessageBody.$": {|FLOW3008:"States.Hash($.order, 'SHA-999')"|}"""));

    [Fact]
    public Task Flow3008_KnownHashAlgorithm_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "States.Hash($.order, 'SHA-256')" """));

    // ---- FLOW3009 / FLOW3010 ----

    [Fact]
    public Task Flow3009_PathUnderPlainKey_OnValue()
        => VerifyAsync(Sqs("""          "MessageBody": {|FLOW3009:"$.order.id"|}"""));

    [Fact]
    public Task Flow3009_PathUnderDollarKey_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "$.order.id" """));

    [Fact]
    public Task Flow3010_KeyWithAndWithoutDollar_OnSecondKey()
        => VerifyAsync(Sqs("""          "MessageBody": "fixed", {|FLOW3010:"MessageBody.$"|}: "$.body" """));

    [Fact]
    public Task Flow3010_TypedPropertyAndParametersKey_NotReportedAsCollision_ButFlow0006()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [LambdaInvoke("f", TimeoutSeconds = 30, End = true, Parameters = {|FLOW0006:"""{ "FunctionName.$": "$.fn" }"""|})] public class Process;
            }
            """");

    [Fact]
    public Task Flow3010_DistinctKeys_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "$.body", "MessageGroupId": "orders" """));

    // ---- FLOW3011..FLOW3014 JSONata and JSONPath ----

    [Fact]
    public Task Flow3011_UnbalancedJsonata_OnExpression()
        => VerifyAsync(Pass("Output = \"{% $sum($states.input.items.price {|FLOW3011:%|}}\"", "(QueryLanguage = QueryLanguage.Jsonata)"));

    [Fact]
    public Task Flow3011_JsonataInsidePayload_OnJsonString()
        => VerifyAsync(Pass("Output = \"\"\"{ \"total\": \"{% $sum($states.input.items.price {|FLOW3011:%|}}\" }\"\"\"", "(QueryLanguage = QueryLanguage.Jsonata)"));

    [Fact]
    public Task Flow3011_BalancedJsonata_NotReported()
        => VerifyAsync(Pass("Output = \"{% $sum($states.input.items.price) %}\"", "(QueryLanguage = QueryLanguage.Jsonata)"));

    [Fact]
    public Task Flow3012_InputPathInJsonataState_OnArgument()
        => VerifyAsync(Pass("InputPath = {|FLOW3012:\"$.order\"|}", "(QueryLanguage = QueryLanguage.Jsonata)"));

    [Fact]
    public Task Flow3012_DollarKeyInJsonataTypedPayload_OnProperty()
        => VerifyAsync("""[StateMachine(QueryLanguage = QueryLanguage.Jsonata)] public partial class M { [LambdaInvoke("f", PayloadPath = {|FLOW3012:"$.order"|}, TimeoutSeconds = 30, End = true)] public class Process; }""");

    [Fact]
    public Task Flow3012_OutputInJsonataState_NotReported()
        => VerifyAsync(Pass("Output = \"{% $states.input.order %}\"", "(QueryLanguage = QueryLanguage.Jsonata)"));

    [Fact]
    public Task Flow3013_OutputInJsonPathState_OnArgument()
        => VerifyAsync(Pass("Output = {|FLOW3013:\"{% $states.input.order %}\"|}"));

    [Fact]
    public Task Flow3013_OutputPathInJsonPathState_NotReported()
        => VerifyAsync(Pass("OutputPath = \"$.order\""));

    [Fact]
    public Task Flow3014_JsonataValueInJsonPathPayload_OnJsonString()
        => VerifyAsync(Sqs("""          "MessageBody": {|FLOW3014:"{% $states.input.body %}"|}"""));

    [Fact]
    public Task Flow3014_PathValueInJsonPathPayload_NotReported()
        => VerifyAsync(Sqs("""          "MessageBody.$": "$.body" """));

    // ---- FLOW3015..FLOW3017 context object and variables ----

    [Fact]
    public Task Flow3015_MisspelledContextField_OnJsonString()
        => VerifyAsync(Sqs("""          "MessageGroupId.$": {|FLOW3015:"$$.Execution.Idd"|}"""));

    [Fact]
    public Task Flow3015_ContextField_NotReported()
        => VerifyAsync(Sqs("""          "MessageGroupId.$": "$$.Execution.Id" """));

    [Fact]
    public Task Flow3016_VariableNeverAssigned_OnJsonString()
        => VerifyAsync(Sqs("""          "MessageBody.$": {|FLOW3016:"$orderTotal"|}"""));

    [Fact]
    public Task Flow3016_VariableAssigned_NotReported()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Pass(Assign = """{ "orderTotal.$": "$.total" }""", Next = typeof(Send))] public class Remember;
                [Task("arn:aws:states:::sqs:sendMessage", TimeoutSeconds = 30, End = true, Parameters = """{ "QueueUrl": "q", "MessageBody.$": "$orderTotal" }""")] public class Send;
            }
            """");

    [Fact]
    public Task Flow3017_VariableNameWithDash_OnKey()
        => VerifyAsync(Pass("Assign = \"\"\"{ {|FLOW3017:\"order-id.$\"|}: \"$.id\" }\"\"\""));

    [Fact]
    public Task Flow3017_VariableNameWithUnderscore_NotReported()
        => VerifyAsync(Pass("Assign = \"\"\"{ \"order_id.$\": \"$.id\" }\"\"\""));
}
