using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.TransitionTargetCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class TransitionTargetFixTests
{
    private const string Id = DiagnosticIds.TransitionTargetNotFound;

    [Fact]
    public Task NextNameTypo_Fix_BecomesTypeofOfTheSuggestedState()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(NextName = {|FLOW1002:"Transfrom"|}, Comment = "c")] public class Extract;
                [Pass(End = true)] public class Transform;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Transform), Comment = "c")] public class Extract;
                [Pass(End = true)] public class Transform;
            }
            """);

    [Fact]
    public Task DefaultNameWrongCaseOfARenamedState_Fix_BecomesTypeof()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Choice(DefaultName = {|FLOW1002:"all done"|})]
                [When("$.ok == true", Next = typeof(Done))]
                public class Check;

                [Succeed(Name = "All done")] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Choice(Default = typeof(Done))]
                [When("$.ok == true", Next = typeof(Done))]
                public class Check;

                [Succeed(Name = "All done")] public class Done;
            }
            """);

    [Fact]
    public Task CatchNextNameTypo_Fix_CorrectsTheName()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Catch(StatesErrors.All, NextName = {|FLOW1002:"Faild"|})]
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
                [Catch(StatesErrors.All, NextName = "Failed")]
                public class Send;

                [Fail] public class Failed;
            }
            """);

    [Fact]
    public Task NameOfNothingClose_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(NextName = {|FLOW1002:"Somewhere else"|})] public class Extract;
                [Pass(End = true)] public class Transform;
            }
            """);

    [Fact]
    public Task TyposInSeveralRules_FixAll_FixesEach()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Choice(Default = typeof(Done))]
                [When("$.a == 1", NextName = {|FLOW1002:"Dne"|})]
                [When("$.a == 2", NextName = {|FLOW1002:"done"|})]
                public class Check;

                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Choice(Default = typeof(Done))]
                [When("$.a == 1", Next = typeof(Done))]
                [When("$.a == 2", Next = typeof(Done))]
                public class Check;

                [Succeed] public class Done;
            }
            """);
}
