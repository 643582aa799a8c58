using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.NextAndEndCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class NextAndEndFixTests
{
    private const string Id = DiagnosticIds.NextAndEnd;

    [Fact]
    public Task NextAndEnd_Fix_RemovesEnd()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Done), End = {|FLOW1011:true|}, Comment = "c")] public class First;
                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Done), Comment = "c")] public class First;
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task EndIsLastArgument_Fix_RemovesItAndItsComma()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Wait(
                    Seconds = 5,
                    NextName = "Done",
                    End = {|FLOW1011:true|})]
                public class Pause;

                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Wait(
                    Seconds = 5,
                    NextName = "Done")]
                public class Pause;

                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task SeveralStates_FixAll_RemovesEveryEnd()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(End = {|FLOW1011:true|}, Next = typeof(B))] public class A;
                [Pass(Next = typeof(C), End = {|FLOW1011:true|})] public class B;
                [Succeed] public class C;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(B))] public class A;
                [Pass(Next = typeof(C))] public class B;
                [Succeed] public class C;
            }
            """);
}
