using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.ErrorNameCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class ErrorNameFixTests
{
    [Fact]
    public Task MisspeltStatesError_Fix_UsesTheSuggestedName()
        => Verify.VerifyAsync(DiagnosticIds.UnknownStatesError,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry({|FLOW2004:"States.TaskFailedId", "Custom.Error"|}, MaxAttempts = 2)]
                public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry("States.TaskFailed", "Custom.Error", MaxAttempts = 2)]
                public class Send;
            }
            """);

    [Fact]
    public Task StatesErrorWithoutSuggestion_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(DiagnosticIds.UnknownStatesError,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry({|FLOW2004:"States.SomethingElseEntirely"|})]
                public class Send;
            }
            """);

    [Fact]
    public Task TwoMisspeltNamesInOneRetrier_FixAll_FixesBoth()
        => Verify.VerifyAsync(DiagnosticIds.UnknownStatesError,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry({|FLOW2004:{|FLOW2004:"States.Timout", "States.taskfailed"|}|})]
                public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry("States.Timeout", "States.TaskFailed")]
                public class Send;
            }
            """);

    [Fact]
    public Task ErrorHandledByEarlierRetrier_Fix_RemovesItFromTheLaterOne()
        => Verify.VerifyAsync(DiagnosticIds.ErrorAlreadyHandled,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException)]
                [Retry({|FLOW2011:"Custom.Error", LambdaErrors.ServiceException|}, MaxAttempts = 5)]
                public class Call;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException)]
                [Retry("Custom.Error", MaxAttempts = 5)]
                public class Call;
            }
            """);

    [Fact]
    public Task RetrierWhoseOnlyErrorIsHandled_Fix_RemovesTheRetrier()
        => Verify.VerifyAsync(DiagnosticIds.ErrorAlreadyHandled,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry(StatesErrors.Timeout)]
                [Retry({|FLOW2011:StatesErrors.Timeout|}, MaxAttempts = 9)]
                [Retry("Custom.Error")]
                public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry(StatesErrors.Timeout)]
                [Retry("Custom.Error")]
                public class Send;
            }
            """);

    [Fact]
    public Task CatcherWhoseOnlyErrorIsHandled_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(DiagnosticIds.ErrorAlreadyHandled,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Catch(typeof(A), StatesErrors.Timeout)]
                [Catch(typeof(B), {|FLOW2011:StatesErrors.Timeout|})]
                public class Send;

                [Fail] public class A;
                [Fail] public class B;
            }
            """);

    [Fact]
    public Task SeveralHandledErrors_FixAll_RemovesEach()
        => Verify.VerifyAsync(DiagnosticIds.ErrorAlreadyHandled,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException)]
                [Retry({|FLOW2011:{|FLOW2011:{|FLOW2011:LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException|}|}|})]
                public class Call;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException)]
                [Retry(LambdaErrors.TooManyRequestsException)]
                public class Call;
            }
            """);

    [Fact]
    public Task HandledErrorsAcrossRetriers_FixAll_DropsTheDeadRetrierAndTrimsTheOther()
        => Verify.VerifyAsync(DiagnosticIds.ErrorAlreadyHandled,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry(StatesErrors.Timeout)]
                [Retry({|FLOW2011:StatesErrors.Timeout|}, MaxAttempts = 9)]
                [Retry({|FLOW2011:StatesErrors.Timeout, "Custom.Error"|})]
                public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry(StatesErrors.Timeout)]
                [Retry("Custom.Error")]
                public class Send;
            }
            """);
}
