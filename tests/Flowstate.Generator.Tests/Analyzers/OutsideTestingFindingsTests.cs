using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// Issue #11 (defects found by outside testing) on C#: the new rules FLOW2013, FLOW3018, FLOW3019,
/// FLOW4030, FLOW5013 and FLOW5014 fire on the argument or the characters inside the literal at fault,
/// and close correct declarations stay silent.
/// </summary>
public class OutsideTestingFindingsTests
{
    private const string Item = "[Pass(End = true)] public class Item;";

    // ---- FLOW2013 (item 1) ----

    [Fact]
    public Task Flow2013_FailRaisesReservedName_OnError()
        => VerifyAsync("""[StateMachine] public partial class M { [Fail(Error = {|FLOW2013:"States.MyOwnError"|})] public class Failed; }""");

    [Fact]
    public Task Flow2013_CatcherOfReservedNameRaisedByAFailState_OnErrorList()
        => VerifyAsync("""
            [StateMachine] public partial class M
            {
                [Parallel(Next = typeof(Done))]
                [Catch(typeof(Done), {|FLOW2013:"States.QuorumMet"|})]
                public class Fan
                {
                    [Branch] public class One { [Fail(Error = {|FLOW2013:"States.QuorumMet"|})] public class Quorum; }
                }
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task Flow2013_FailRaisesOwnOrPredefinedName_NotReported()
        => VerifyAsync("""
            [StateMachine] public partial class M
            {
                [Choice(Default = typeof(Own))]
                [When("$.timeout == true", Next = typeof(Timeout))]
                public class Check;
                [Fail(Error = "MyOwnError")] public class Own;
                [Fail(Error = StatesErrors.Timeout)] public class Timeout;
            }
            """);

    // ---- FLOW3018 (item 2) ----

    [Fact]
    public Task Flow3018_TrailingSpaceInDollarValue_OnJsonString()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Pass(Parameters = """{ "execution_name.$": {|FLOW3018:"$$.Execution.Name "|} }""", End = true)] public class Step;
            }
            """");

    [Fact]
    public Task Flow3018_TrailingSpaceInInputPath_OnArgument()
        => VerifyAsync("""[StateMachine] public partial class M { [Pass(InputPath = {|FLOW3018:"$.order "|}, End = true)] public class Step; }""");

    [Fact]
    public Task Flow3018_PathWithoutWhitespace_NotReported()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Pass(Parameters = """{ "execution_name.$": "$$.Execution.Name", "key.$": "$['a b ']" }""", InputPath = "$.order", End = true)] public class Step;
            }
            """");

    // ---- FLOW3019 (item 12) ----

    [Fact]
    public Task Flow3019_CausePathMathAdd_OnArgument()
        => VerifyAsync("""[StateMachine] public partial class M { [Fail(Error = "E", CausePath = {|FLOW3019:"States.MathAdd($.attempts, 1)"|})] public class Failed; }""");

    [Fact]
    public Task Flow3019_CausePathFormat_NotReported()
        => VerifyAsync("""[StateMachine] public partial class M { [Fail(ErrorPath = "States.Format('E{}', $.code)", CausePath = "States.JsonToString($.cause)")] public class Failed; }""");

    // ---- FLOW4030 (item 15) ----

    [Fact]
    public Task Flow4030_EmptyWriterConfig_OnValue()
        => VerifyAsync($$""""
            [StateMachine] public partial class M
            {
                [Map(Mode = ProcessorMode.Distributed, ExecutionType = WorkflowType.Standard, ItemsPath = "$.items", End = true,
                    ResultWriter = """{ "WriterConfig": {|FLOW4030:{}|} }""")]
                public class Each { {{Item}} }
            }
            """");

    [Fact]
    public Task Flow4030_UnknownOutputType_OnValue()
        => VerifyAsync($$""""
            [StateMachine] public partial class M
            {
                [Map(Mode = ProcessorMode.Distributed, ExecutionType = WorkflowType.Standard, ItemsPath = "$.items", End = true,
                    ResultWriter = """{ "WriterConfig": { "OutputType": {|FLOW4030:"XML"|}, "Transformation": "NONE" } }""")]
                public class Each { {{Item}} }
            }
            """");

    [Fact]
    public Task Flow4030_ValidWriterConfig_NotReported()
        => VerifyAsync($$""""
            [StateMachine] public partial class M
            {
                [Map(Mode = ProcessorMode.Distributed, ExecutionType = WorkflowType.Standard, ItemsPath = "$.items", End = true,
                    ResultWriter = """{ "WriterConfig": { "OutputType": "JSONL", "Transformation": "FLATTEN" } }""")]
                public class Each { {{Item}} }
            }
            """");

    // ---- FLOW5013 (item 3) ----

    [Fact]
    public Task Flow5013_AwsSdkWithEmptyServiceAndAction_OnAttribute()
        => VerifyAsync("""[StateMachine] public partial class M { [AwsSdk({|FLOW5013:""|}, "", TimeoutSeconds = 10, End = true)] public class Call; }""");

    [Fact]
    public Task Flow5013_TaskWithSdkServiceButNoAction_OnResource()
        => VerifyAsync("""[StateMachine] public partial class M { [Task({|FLOW5013:"arn:aws:states:::aws-sdk:s3:"|}, TimeoutSeconds = 10, End = true)] public class Call; }""");

    [Fact]
    public Task Flow5013_AwsSdkWithServiceAndAction_NotReported()
        => VerifyAsync("""[StateMachine] public partial class M { [AwsSdk("s3", "putObject", TimeoutSeconds = 10, End = true)] public class Call; }""");

    // ---- FLOW5014 (item 3) ----

    [Fact]
    public Task Flow5014_LambdaInvokeNull_OnArgument()
        => VerifyAsync("""[StateMachine] public partial class M { [LambdaInvoke({|FLOW5014:null|}, TimeoutSeconds = 10, End = true)] public class Call; }""");

    [Fact]
    public Task Flow5014_GlueAndSnsNull_OnArguments()
        => VerifyAsync("""
            [StateMachine] public partial class M
            {
                [GlueStartJobRun({|FLOW5014:null|}, TimeoutSeconds = 10, Next = typeof(Notify))] public class Etl;
                [SnsPublish({|FLOW5014:null|}, Message = "\"done\"", TimeoutSeconds = 10, End = true)] public class Notify;
            }
            """);

    [Fact]
    public Task Flow5014_LambdaInvokeWithName_NotReported()
        => VerifyAsync("""[StateMachine] public partial class M { [LambdaInvoke("process", TimeoutSeconds = 10, End = true)] public class Call; }""");
}
