using Flowstate.CodeFixes.Tests.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.MissingNextOrEndCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class MissingNextOrEndFixTests
{
    private const string Id = DiagnosticIds.MissingNextOrEnd;

    [Fact]
    public Task StateWithoutTransition_EndFix_AddsEndTrue()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.EndKey,
            """
            using Flowstate;

            namespace Demo;

            [StateMachine("orders")]
            public partial class Orders
            {
                [{|FLOW1010:Pass|}(Comment = "load")]
                public class Load;

                [Succeed]
                public class Done;
            }
            """,
            """
            using Flowstate;

            namespace Demo;

            [StateMachine("orders")]
            public partial class Orders
            {
                [Pass(Comment = "load", End = true)]
                public class Load;

                [Succeed]
                public class Done;
            }
            """);

    [Fact]
    public Task StateFollowedByState_NextFix_GoesToNextDeclaredState()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.NextKey,
            """
            using Flowstate;

            [StateMachine("orders")]
            public partial class Orders
            {
                [{|FLOW1010:LambdaInvoke|}("load")]
                public class Load;

                [Succeed(Name = "All done")]
                public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("orders")]
            public partial class Orders
            {
                [LambdaInvoke("load", Next = typeof(Done))]
                public class Load;

                [Succeed(Name = "All done")]
                public class Done;
            }
            """);

    [Fact]
    public Task AttributeWithoutArguments_EndFix_AddsArgumentList()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.EndKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [{|FLOW1010:Pass|}] public class Only;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = true)] public class Only;
            }
            """);

    [Fact]
    public Task ExplicitEndFalse_EndFix_SetsItTrue()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.EndKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Comment = "c", End = {|FLOW1010:false|})] public class Only;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Comment = "c", End = true)] public class Only;
            }
            """);

    [Fact]
    public Task ExplicitEndFalse_NextFix_ReplacesEndWithNext()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.NextKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = {|FLOW1010:false|}, Comment = "c")] public class First;
                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Comment = "c", Next = typeof(Done))] public class First;
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task ArgumentsOnePerLine_EndFix_AddsOnItsOwnLine()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.EndKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [{|FLOW1010:Task|}(
                    "arn:aws:states:::sqs:sendMessage",
                    Comment = "send",
                    TimeoutSeconds = 30)]
                public class Send;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task(
                    "arn:aws:states:::sqs:sendMessage",
                    Comment = "send",
                    TimeoutSeconds = 30,
                    End = true)]
                public class Send;
            }
            """);

    [Fact]
    public Task StatesInBranchesAndMaps_FixAll_EndsEachScope()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.EndKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [{|FLOW1010:Parallel|}]
                public class Fan
                {
                    [Branch] public class Left { [{|FLOW1010:Pass|}] public class L1; }
                    [Branch] public class Right { [{|FLOW1010:Pass|}] public class R1; }
                }
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Parallel(End = true)]
                public class Fan
                {
                    [Branch] public class Left { [Pass(End = true)] public class L1; }
                    [Branch] public class Right { [Pass(End = true)] public class R1; }
                }
            }
            """);

    [Fact]
    public Task ChainOfStates_FixAllNext_LinksThemInDeclarationOrder()
        => Verify.VerifyAsync(Id, MissingNextOrEndCodeFix.NextKey,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [{|FLOW1010:Pass|}] public class A;
                [{|FLOW1010:Pass|}] public class B;
                [Map(ItemsPath = "$.items", End = true)]
                public class Each
                {
                    [{|FLOW1010:Pass|}] public class C;
                    [Succeed] public class D;
                }
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(B))] public class A;
                [Pass(Next = typeof(Each))] public class B;
                [Map(ItemsPath = "$.items", End = true)]
                public class Each
                {
                    [Pass(Next = typeof(D))] public class C;
                    [Succeed] public class D;
                }
            }
            """);

    [Fact]
    public Task LastStateOfScope_NextFix_NotOffered()
    {
        var test = new FixTest<MissingNextOrEndCodeFix>(
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Succeed] public class Done;
                [{|FLOW1010:Pass|}] public class Last;
                public class NotAState;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Succeed] public class Done;
                [Pass(End = true)] public class Last;
                public class NotAState;
            }
            """,
            Id);
        // Only "End" is offered: asking for the Next fix must find nothing to apply.
        test.CodeActionEquivalenceKey = MissingNextOrEndCodeFix.EndKey;
        return test.RunAsync();
    }

    [Fact]
    public Task RawStateInAMap_Fix_NotOfferedOnTheMap()
        => Verify.VerifyNoFixAsync(Id,
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Map(ItemsPath = "$.items", End = true)]
                [RawState("Inner", """{ {|FLOW1010:"Type"|}: "Pass" }""")]
                public class Each;
            }
            """");
}
