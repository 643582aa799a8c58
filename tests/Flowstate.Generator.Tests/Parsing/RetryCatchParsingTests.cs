using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

public class RetryCatchParsingTests : ParsingTestBase
{
    [Fact]
    public void Retry_AllProperties_InSourceOrder()
    {
        var s = Spec("""
            [StateMachine] public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, IntervalSeconds = 2, MaxAttempts = 6, BackoffRate = 2, MaxDelaySeconds = 30, JitterStrategy = JitterStrategy.Full, Comment = "transient")]
                [Retry(StatesErrors.All, MaxAttempts = 0, BackoffRate = 1.5, JitterStrategy = JitterStrategy.None)]
                public class A;
            }
            """).Root.States[0];

        var retry = s.Retry!.Value;
        Assert.Equal(2, retry.Count);
        Assert.Equal(new RetrySpec
        {
            ErrorEquals = EquatableArray.Create("Lambda.ServiceException", "Lambda.AWSLambdaException"),
            IntervalSeconds = N(2),
            MaxAttempts = N(6),
            BackoffRate = N(2),
            MaxDelaySeconds = N(30),
            JitterStrategy = "FULL",
            Comment = "transient",
        }, retry[0]);
        Assert.Equal(new RetrySpec
        {
            ErrorEquals = EquatableArray.Create("States.ALL"),
            MaxAttempts = N(0),
            BackoffRate = JsonValue.Number("1.5"),
            JitterStrategy = "NONE",
        }, retry[1]);
    }

    [Fact]
    public void Retry_NoErrors_HasEmptyErrorEquals()
    {
        var s = Spec("[StateMachine] public partial class M { [Task(\"arn\")] [Retry] public class A; }").Root.States[0];
        Assert.True(s.Retry!.Value[0].ErrorEquals!.Value.IsEmpty);
    }

    [Fact]
    public void NoRetryOrCatch_FieldsAbsent()
    {
        var s = Spec("[StateMachine] public partial class M { [Task(\"arn\")] public class A; }").Root.States[0];
        Assert.Null(s.Retry);
        Assert.Null(s.Catch);
    }

    [Fact]
    public void Catch_TypeofAndNameForms_InSourceOrder()
    {
        var spec = Spec("""
            [StateMachine] public partial class M
            {
                [Task("arn", End = true)]
                [Catch(typeof(Recover), "Custom.Error", ResultPath = "$.error", Comment = "first")]
                [Catch(StatesErrors.All, NextName = "Elsewhere", ResultPath = null, Output = "{% $states.errorOutput %}", Assign = "{\"failed\": true}")]
                public class A;
                [Pass(End = true)] public class Recover;
            }
            """);
        var catchers = spec.Root.States[0].Catch!.Value;
        Assert.Equal(new CatchSpec
        {
            ErrorEquals = EquatableArray.Create("Custom.Error"),
            Next = "Recover",
            ResultPath = S("$.error"),
            Comment = "first",
        }, catchers[0]);
        Assert.Equal(new CatchSpec
        {
            ErrorEquals = EquatableArray.Create("States.ALL"),
            Next = "Elsewhere",
            ResultPath = JsonValue.Null,
            Output = S("{% $states.errorOutput %}"),
            Assign = J("{\"failed\": true}"),
        }, catchers[1]);
    }

    [Fact]
    public void Catch_TypeofNonState_ReportsFlow0004()
    {
        var result = Parse("[StateMachine] public partial class M { [Task(\"arn\")] [Catch(typeof(object), \"E\")] public class A; }");
        var d = Single(result, Flowstate.Core.Diagnostics.DiagnosticIds.TargetNotAState);
        Assert.Equal("Catch[0] of state 'A'", d.MessageArgs[1]);
    }

    [Fact]
    public void RetryAndCatch_WithLocations_KeyedByIndexAndField()
    {
        const string source = """
            [StateMachine] public partial class M
            {
                [Task("arn", End = true)]
                [Retry("A")]
                [Retry("B", BackoffRate = 3)]
                [Catch(typeof(R), "C")]
                public class T;
                [Succeed] public class R;
            }
            """;
        var result = Parse(source, locations: true);
        var t = result.Spec!.Root.States[0];
        string At(string field) => TextAt(source, t.FieldLocations.Single(f => f.Field == field).Location);

        Assert.Equal("Retry(\"B\", BackoffRate = 3)", At("Retry[1]"));
        Assert.Equal("3", At("Retry[1].BackoffRate"));
        Assert.Equal("\"A\"", At("Retry[0].ErrorEquals"));
        Assert.Equal("typeof(R)", At("Catch[0].Next"));
        Assert.Equal("3", TextAt(source, t.Retry!.Value[1].FieldLocations.Single(f => f.Field == "BackoffRate").Location));
    }

    [Fact]
    public void RetryOnPass_KeptForValidation()
    {
        var s = Spec("[StateMachine] public partial class M { [Pass] [Retry(\"E\")] public class A; }").Root.States[0];
        Assert.Single(s.Retry!.Value);
    }
}
