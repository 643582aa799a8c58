using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

public class StateParsingTests : ParsingTestBase
{
    private static StateSpec One(string stateDeclaration)
        => Spec("[StateMachine] public partial class M\n{\n" + stateDeclaration + "\n}").Root.States[0];

    [Fact]
    public void Pass_AllProperties_Mapped()
    {
        var s = One("""
            [Pass(Name = "Set up", Comment = "c", Parameters = "{\"a.$\": \"$.x\"}", Result = "[1, 2.50]",
                ResultPath = "$.r", InputPath = "$.in", OutputPath = "$.out", End = true)]
            public class A;
            """);

        Assert.Equal("Set up", s.Name);
        Assert.Equal("Pass", s.Type);
        Assert.Equal("c", s.Comment);
        Assert.Equal(J("{\"a.$\": \"$.x\"}"), s.Parameters);
        Assert.Equal(J("[1, 2.50]"), s.Result);
        Assert.Equal("2.50", s.Result!.Items[1].Text);
        Assert.Equal(S("$.r"), s.ResultPath);
        Assert.Equal(S("$.in"), s.InputPath);
        Assert.Equal(S("$.out"), s.OutputPath);
        Assert.True(s.End);
        Assert.Null(s.Next);
        Assert.Null(s.Integration);
    }

    [Fact]
    public void Pass_NothingSet_EverythingAbsent()
    {
        var s = One("[Pass] public class A;");
        Assert.Equal(new StateSpec { Name = "A", Type = "Pass" }, s);
    }

    [Fact]
    public void ResultPath_ExplicitNull_IsJsonNull()
    {
        var s = One("[Pass(ResultPath = null, OutputPath = null, InputPath = null)] public class A;");
        Assert.Equal(JsonValue.Null, s.ResultPath);
        Assert.Equal(JsonValue.Null, s.OutputPath);
        Assert.Equal(JsonValue.Null, s.InputPath);
    }

    [Fact]
    public void PayloadProperty_ExplicitNull_IsJsonNull()
    {
        var s = One("[Pass(Parameters = null, Result = null)] public class A;");
        Assert.Equal(JsonValue.Null, s.Parameters);
        Assert.Equal(JsonValue.Null, s.Result);
    }

    [Fact]
    public void End_ExplicitFalse_IsPresent()
    {
        var s = One("[Pass(End = false)] public class A;");
        Assert.False(s.End);
    }

    [Fact]
    public void Wait_Seconds_ZeroIsWritten()
    {
        var s = One("[Wait(Seconds = 0, End = true)] public class A;");
        Assert.Equal("Wait", s.Type);
        Assert.Equal(N(0), s.Seconds);
    }

    [Fact]
    public void Wait_PathAndTimestampForms_Mapped()
    {
        var s = One("""[Wait(SecondsPath = "$.s", Timestamp = "2026-03-14T01:59:00Z", TimestampPath = "$.t")] public class A;""");
        Assert.Equal("$.s", s.SecondsPath);
        Assert.Equal(S("2026-03-14T01:59:00Z"), s.Timestamp);
        Assert.Equal("$.t", s.TimestampPath);
        Assert.Null(s.Seconds);
    }

    [Fact]
    public void Succeed_Fields_Mapped()
    {
        var s = One("""[Succeed(Comment = "ok", InputPath = "$.a", OutputPath = "$.b")] public class A;""");
        Assert.Equal("Succeed", s.Type);
        Assert.Equal(S("$.a"), s.InputPath);
        Assert.Equal(S("$.b"), s.OutputPath);
        Assert.Null(s.End);
    }

    [Fact]
    public void Fail_Constructor_SetsErrorAndCause()
    {
        var s = One("""[Fail("Boom", "It broke")] public class A;""");
        Assert.Equal("Fail", s.Type);
        Assert.Equal("Boom", s.Error);
        Assert.Equal("It broke", s.Cause);
    }

    [Fact]
    public void Fail_ConstructorWithoutCause_HasNoCause()
    {
        var s = One("""[Fail("Boom")] public class A;""");
        Assert.Equal("Boom", s.Error);
        Assert.Null(s.Cause);
    }

    [Fact]
    public void Fail_PathForms_Mapped()
    {
        var s = One("""[Fail(ErrorPath = "$.e", CausePath = "$.c")] public class A;""");
        Assert.Equal("$.e", s.ErrorPath);
        Assert.Equal("$.c", s.CausePath);
        Assert.Null(s.Error);
    }

    [Fact]
    public void Fail_ErrorInConstructorAndNamed_ReportsFlow0006()
    {
        var result = Parse("""[StateMachine] public partial class M { [Fail("A", Error = "B")] public class F; }""");
        Single(result, Flowstate.Core.Diagnostics.DiagnosticIds.ConflictingProperties);
        Assert.Equal("B", result.Spec!.Root.States[0].Error);
    }

    [Fact]
    public void Task_AllTaskProperties_Mapped()
    {
        var s = One("""
            [Task("arn:aws:lambda:us-east-1:123456789012:function:f", TimeoutSeconds = 30, HeartbeatSeconds = 10,
                TimeoutSecondsPath = "$.t", HeartbeatSecondsPath = "$.h", Credentials = "{\"RoleArn\": \"r\"}",
                Parameters = "{\"x\": 1}", ResultSelector = "{\"y.$\": \"$.z\"}", ResultPath = "$.out", End = true)]
            public class A;
            """);

        Assert.Equal("Task", s.Type);
        Assert.Null(s.Integration);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:f", s.Resource);
        Assert.Equal(N(30), s.TimeoutSeconds);
        Assert.Equal(N(10), s.HeartbeatSeconds);
        Assert.Equal("$.t", s.TimeoutSecondsPath);
        Assert.Equal("$.h", s.HeartbeatSecondsPath);
        Assert.Equal(J("{\"RoleArn\": \"r\"}"), s.Credentials);
        Assert.Equal(J("{\"x\": 1}"), s.Parameters);
        Assert.Equal(J("{\"y.$\": \"$.z\"}"), s.ResultSelector);
        Assert.Equal(S("$.out"), s.ResultPath);
    }

    [Fact]
    public void Task_QueryLanguageOnState_Mapped()
    {
        var s = One("""[Task("arn", QueryLanguage = QueryLanguage.Jsonata, Arguments = "{\"a\": \"{% $states.input %}\"}", Output = "{% $states.result %}", Assign = "{\"v\": 1}")] public class A;""");
        Assert.Equal("JSONata", s.QueryLanguage);
        Assert.Equal(J("{\"a\": \"{% $states.input %}\"}"), s.Arguments);
        Assert.Equal(S("{% $states.result %}"), s.Output);
        Assert.Equal(J("{\"v\": 1}"), s.Assign);
    }

    [Fact]
    public void Activity_ArnIsResource()
    {
        var s = One("""[Activity("arn:aws:states:us-east-1:123456789012:activity:review", HeartbeatSeconds = 60)] public class A;""");
        Assert.Equal("Task", s.Type);
        Assert.Equal("Activity", s.Integration);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:activity:review", s.Resource);
        Assert.Equal(N(60), s.HeartbeatSeconds);
    }

    [Fact]
    public void AwsSdk_ServiceAndAction_FormResource()
    {
        var s = One("""[AwsSdk("s3", "putObject", Parameters = "{\"Bucket\": \"b\"}")] public class A;""");
        Assert.Equal("AwsSdk", s.Integration);
        Assert.Equal("arn:aws:states:::aws-sdk:s3:putObject", s.Resource);
        Assert.Equal(J("{\"Bucket\": \"b\"}"), s.Parameters);
    }

    [Fact]
    public void AwsSdk_WaitForTaskToken_AddsSuffix()
    {
        var s = One("""[AwsSdk("sqs", "sendMessage", Integration = IntegrationPattern.WaitForTaskToken)] public class A;""");
        Assert.Equal("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken", s.Resource);
    }

    [Fact]
    public void Placeholders_AreKeptVerbatim()
    {
        var s = One("""[Task("arn:${AWS::Partition}:lambda:${Region}:${AccountId}:function:${Fn}", Parameters = "{\"Table\": \"${TableName}\"}")] public class A;""");
        Assert.Equal("arn:${AWS::Partition}:lambda:${Region}:${AccountId}:function:${Fn}", s.Resource);
        Assert.Equal(J("{\"Table\": \"${TableName}\"}"), s.Parameters);
    }

    [Fact]
    public void Map_ProcessorConfigAndCounts_Mapped()
    {
        var s = One("""
            [Map(ItemsPath = "$.items", MaxConcurrency = 0, ToleratedFailureCount = 5, ToleratedFailurePercentage = 12.5,
                 Label = "Chunk", Mode = ProcessorMode.Distributed, ExecutionType = WorkflowType.Express,
                 ItemReader = "{\"Resource\": \"arn:aws:states:::s3:getObject\"}", ItemBatcher = "{\"MaxItemsPerBatch\": 10}",
                 ResultWriter = "{\"Resource\": \"arn:aws:states:::s3:putObject\"}", ItemSelector = "{\"v.$\": \"$$.Map.Item.Value\"}",
                 MaxConcurrencyPath = "$.mc", ToleratedFailureCountPath = "$.c", ToleratedFailurePercentagePath = "$.p", End = true)]
            public class A { [Succeed] public class Inner; }
            """);

        Assert.Equal("Map", s.Type);
        Assert.Equal("$.items", s.ItemsPath);
        Assert.Equal(N(0), s.MaxConcurrency);
        Assert.Equal(N(5), s.ToleratedFailureCount);
        Assert.Equal("12.5", s.ToleratedFailurePercentage!.Text);
        Assert.Equal("Chunk", s.Label);
        Assert.Equal(J("{\"MaxItemsPerBatch\": 10}"), s.ItemBatcher);
        Assert.Equal(J("{\"Resource\": \"arn:aws:states:::s3:getObject\"}"), s.ItemReader);
        Assert.Equal(J("{\"Resource\": \"arn:aws:states:::s3:putObject\"}"), s.ResultWriter);
        Assert.Equal(J("{\"v.$\": \"$$.Map.Item.Value\"}"), s.ItemSelector);
        Assert.Equal("$.mc", s.MaxConcurrencyPath);
        Assert.Equal("$.c", s.ToleratedFailureCountPath);
        Assert.Equal("$.p", s.ToleratedFailurePercentagePath);
        Assert.False(s.ProcessorIsIterator);
        var processor = s.Processor!;
        Assert.Equal(J("{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}"), processor.ProcessorConfig);
        Assert.Equal("Inner", processor.StartAt);
        Assert.Equal(new[] { "Inner" }, processor.States.Select(x => x.Name));
    }

    [Fact]
    public void Map_ModeOnly_ProcessorConfigHasModeOnly()
    {
        var s = One("[Map(Mode = ProcessorMode.Inline)] public class A { [Succeed] public class Inner; }");
        Assert.Equal(J("{\"Mode\": \"INLINE\"}"), s.Processor!.ProcessorConfig);
    }

    [Fact]
    public void Map_UseIteratorWithParameters_LegacyForm()
    {
        var s = One("""[Map(UseIterator = true, Parameters = "{\"x.$\": \"$$.Map.Item.Value\"}", MaxConcurrency = 2)] public class A { [Pass(End = true)] public class Step; }""");
        Assert.True(s.ProcessorIsIterator);
        Assert.Null(s.Processor!.ProcessorConfig);
        Assert.Equal(J("{\"x.$\": \"$$.Map.Item.Value\"}"), s.Parameters);
        Assert.Equal("Step", s.Processor.StartAt);
    }

    [Fact]
    public void Map_ItemsAsJsonataExpression_IsString()
    {
        var s = One("""[Map(Items = "{% $states.input.list %}")] public class A { [Succeed] public class Inner; }""");
        Assert.Equal(S("{% $states.input.list %}"), s.Items);
    }

    [Fact]
    public void Map_NoNestedStates_HasEmptyProcessor()
    {
        var s = One("[Map] public class A;");
        Assert.NotNull(s.Processor);
        Assert.True(s.Processor!.States.IsEmpty);
        Assert.Null(s.Processor.StartAt);
    }

    [Fact]
    public void Map_StartAtOnMapClass_AppliesToProcessor()
    {
        var s = One("[Map, StartAt(typeof(Second))] public class A { [Pass] public class First; [Succeed] public class Second; }");
        Assert.Equal("Second", s.Processor!.StartAt);
    }

    [Fact]
    public void Parallel_Branches_InOrderWithOwnStartAtCommentAndExtras()
    {
        var s = One("""
            [Parallel(ResultPath = "$.results", ResultSelector = "{\"a.$\": \"$[0]\"}", End = true)]
            public class P
            {
                [Branch(Comment = "first")]
                public class One { [Pass] public class A1; [Succeed] public class A2; }

                [Branch, StartAt(typeof(B2)), AslField("X-Extra", "true")]
                public class Two { [Pass] public class B1; [Succeed] public class B2; }
            }
            """);

        Assert.Equal("Parallel", s.Type);
        Assert.Equal(S("$.results"), s.ResultPath);
        var branches = s.Branches!.Value;
        Assert.Equal(2, branches.Count);
        Assert.Equal("first", branches[0].Comment);
        Assert.Equal("A1", branches[0].StartAt);
        Assert.Equal(new[] { "A1", "A2" }, branches[0].States.Select(x => x.Name));
        Assert.Null(branches[1].Comment);
        Assert.Equal("B2", branches[1].StartAt);
        Assert.Equal(new[] { new ExtraField("X-Extra", JsonValue.True) }, branches[1].Extras.ToArray());
    }

    [Fact]
    public void Parallel_NoBranches_HasEmptyBranches()
    {
        var s = One("[Parallel] public class P;");
        Assert.NotNull(s.Branches);
        Assert.True(s.Branches!.Value.IsEmpty);
    }

    [Fact]
    public void Transitions_AcrossScopes_ResolveToStateNames()
    {
        var spec = Spec("""
            [StateMachine] public partial class M
            {
                [Parallel(Next = typeof(After))]
                public class P
                {
                    [Branch] public class B { [Pass(Name = "inner", Next = typeof(After))] public class X; }
                }
                [Succeed(Name = "after")] public class After;
            }
            """);
        Assert.Equal("after", spec.Root.States[0].Next);
        Assert.Equal("after", spec.Root.States[0].Branches!.Value[0].States[0].Next);
    }

    [Fact]
    public void NameWithSpaces_IsStateName()
    {
        var spec = Spec("""
            [StateMachine] public partial class M
            {
                [Pass(Name = "Do the thing", Next = typeof(B))] public class A;
                [Succeed(Name = "All done!")] public class B;
            }
            """);
        Assert.Equal("Do the thing", spec.Root.StartAt);
        Assert.Equal("All done!", spec.Root.States[0].Next);
    }

    [Fact]
    public void Choice_DefaultTypeof_Resolved()
    {
        var s = One("[Choice(Default = typeof(B))] public class A; [Succeed(Name = \"b\")] public class B;");
        Assert.Equal("Choice", s.Type);
        Assert.Equal("b", s.Default);
        Assert.NotNull(s.Choices);
        Assert.True(s.Choices!.Value.IsEmpty);
    }

    [Fact]
    public void Choice_DefaultName_TakenVerbatim()
    {
        var s = One("""[Choice(DefaultName = "Elsewhere", InputPath = "$.in", Assign = "{\"x\": 1}")] public class A;""");
        Assert.Equal("Elsewhere", s.Default);
        Assert.Equal(S("$.in"), s.InputPath);
        Assert.Equal(J("{\"x\": 1}"), s.Assign);
    }

    [Fact]
    public void QueryLanguageOutOfRange_IsWrittenAsNumber()
    {
        var s = One("[Pass(QueryLanguage = (QueryLanguage)7)] public class A;");
        Assert.Equal("7", s.QueryLanguage);
    }
}
