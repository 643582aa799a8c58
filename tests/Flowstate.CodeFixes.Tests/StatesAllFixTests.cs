using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.StatesAllCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class StatesAllFixTests
{
    [Fact]
    public Task StatesAllWithOtherErrors_Fix_KeepsOnlyStatesAll()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotAlone,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry({|FLOW2001:LambdaErrors.ServiceException, StatesErrors.All, "Custom.Error"|}, MaxAttempts = 2)]
                public class Call;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("f", End = true)]
                [Retry(StatesErrors.All, MaxAttempts = 2)]
                public class Call;
            }
            """);

    [Fact]
    public Task CatchWithStatesAllLast_Fix_KeepsTargetAndStatesAll()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotAlone,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:lambda:us-east-1:123456789012:function:f", End = true)]
                [Catch(typeof(Failed), {|FLOW2001:"States.Timeout", "States.ALL"|}, ResultPath = "$.error")]
                public class Call;

                [Fail(Error = "Failed")] public class Failed;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:lambda:us-east-1:123456789012:function:f", End = true)]
                [Catch(typeof(Failed), "States.ALL", ResultPath = "$.error")]
                public class Call;

                [Fail(Error = "Failed")] public class Failed;
            }
            """);

    [Fact]
    public Task ErrorsGivenAsArray_Fix_RemovesArrayElements()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotAlone,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = true)] public class A;
                [Parallel(Next = typeof(A))]
                [Retry({|FLOW2001:new[] { "States.ALL", "States.BranchFailed" }|})]
                public class P { [Branch] public class B { [Succeed] public class S; } }
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = true)] public class A;
                [Parallel(Next = typeof(A))]
                [Retry(new[] { "States.ALL" })]
                public class P { [Branch] public class B { [Succeed] public class S; } }
            }
            """);

    [Fact]
    public Task StatesAllRetrierFirst_Fix_MovesItAfterTheOthers()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotLast,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                /// <summary>Calls the function.</summary>
                [Retry({|FLOW2002:StatesErrors.All|}, MaxAttempts = 1)]
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, IntervalSeconds = 2)]
                [Catch(typeof(Failed), StatesErrors.All)]
                [Retry("Custom.Error")]
                public class Call;

                [Fail] public class Failed;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                /// <summary>Calls the function.</summary>
                [LambdaInvoke("f", End = true)]
                [Retry(LambdaErrors.ServiceException, IntervalSeconds = 2)]
                [Catch(typeof(Failed), StatesErrors.All)]
                [Retry("Custom.Error")]
                [Retry(StatesErrors.All, MaxAttempts = 1)]
                public class Call;

                [Fail] public class Failed;
            }
            """);

    [Fact]
    public Task StatesAllCatcherSharingAList_Fix_GivesItItsOwnListAtTheEnd()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotLast,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Catch(typeof(Failed), {|FLOW2002:StatesErrors.All|}), Catch(typeof(Failed), StatesErrors.Timeout)]
                [Catch(typeof(Failed), "Custom")]
                public class Send;

                [Fail] public class Failed;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Catch(typeof(Failed), StatesErrors.Timeout)]
                [Catch(typeof(Failed), "Custom")]
                [Catch(typeof(Failed), StatesErrors.All)]
                public class Send;

                [Fail] public class Failed;
            }
            """);

    [Fact]
    public Task StatesAllInOneListWithItsSuccessor_Fix_ReordersInsideTheList()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotLast,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry({|FLOW2002:StatesErrors.All|}), Retry(StatesErrors.Timeout, MaxAttempts = 5)]
                public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry(StatesErrors.Timeout, MaxAttempts = 5), Retry(StatesErrors.All)]
                public class Send;
            }
            """);

    [Fact]
    public Task SameLineLayout_Fix_KeepsOneLine()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotLast,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)] [Retry({|FLOW2002:StatesErrors.All|})] [Retry(StatesErrors.Timeout)] public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)] [Retry(StatesErrors.Timeout)] [Retry(StatesErrors.All)] public class Send;
            }
            """);

    [Fact]
    public Task SeveralStates_FixAll_FixesEach()
        => Verify.VerifyAsync(DiagnosticIds.StatesAllNotAlone,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", Next = typeof(B))]
                [Retry({|FLOW2001:"A", StatesErrors.All|})]
                public class A;

                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry({|FLOW2001:StatesErrors.All, "B"|})]
                public class B;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", Next = typeof(B))]
                [Retry(StatesErrors.All)]
                public class A;

                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Retry(StatesErrors.All)]
                public class B;
            }
            """);
}
