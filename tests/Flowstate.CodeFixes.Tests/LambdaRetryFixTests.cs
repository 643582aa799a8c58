using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.LambdaRetryCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class LambdaRetryFixTests
{
    private const string Id = DiagnosticIds.LambdaWithoutTransientRetry;

    [Fact]
    public Task LambdaInvokeWithoutRetry_Fix_AddsTheConsoleRetrierAfterTheStateAttribute()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [{|FLOW6001:LambdaInvoke|}("extract", End = true)]
                [Catch(typeof(Failed), StatesErrors.All)]
                public class Extract;

                [Fail] public class Failed;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true)]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = JitterStrategy.Full)]
                [Catch(typeof(Failed), StatesErrors.All)]
                public class Extract;

                [Fail] public class Failed;
            }
            """);

    [Fact]
    public Task ExistingRetriers_Fix_InsertsBeforeThemWithOnlyTheMissingErrors()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true)]
                [{|FLOW6001:Retry(LambdaErrors.ServiceException, "Lambda.TooManyRequestsException", IntervalSeconds = 5)|}]
                [Retry("Custom.Error")]
                public class Extract;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true)]
                [Retry(LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = JitterStrategy.Full)]
                [Retry(LambdaErrors.ServiceException, "Lambda.TooManyRequestsException", IntervalSeconds = 5)]
                [Retry("Custom.Error")]
                public class Extract;
            }
            """);

    [Fact]
    public Task LambdaArnTaskWithoutUsingFlowstate_Fix_KeepsNamesQualified()
        => Verify.VerifyAsync(Id,
            """
            [Flowstate.StateMachine("m")]
            public partial class M
            {
                [Flowstate.Task({|FLOW6001:"arn:aws:lambda:us-east-1:123456789012:function:f"|}, End = true)] public class Call;
            }
            """,
            """
            [Flowstate.StateMachine("m")]
            public partial class M
            {
                [Flowstate.Task("arn:aws:lambda:us-east-1:123456789012:function:f", End = true)] [Flowstate.Retry(Flowstate.LambdaErrors.ServiceException, Flowstate.LambdaErrors.AwsLambdaException, Flowstate.LambdaErrors.SdkClientException, Flowstate.LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = Flowstate.JitterStrategy.Full)] public class Call;
            }
            """);

    [Fact]
    public Task RetrierThatNeverRetriesTheErrors_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true)]
                [{|FLOW6001:Retry(StatesErrors.All, MaxAttempts = 0)|}]
                public class Extract;
            }
            """);

    [Fact]
    public Task SeveralLambdaTasks_FixAll_AddsARetrierToEach()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [{|FLOW6001:LambdaInvoke|}("a", Next = typeof(B))] public class A;
                [{|FLOW6001:LambdaInvoke|}("b", End = true)] public class B;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("a", Next = typeof(B))] [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = JitterStrategy.Full)] public class A;
                [LambdaInvoke("b", End = true)] [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = JitterStrategy.Full)] public class B;
            }
            """);
}
