using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.RedundantPropertyCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class RedundantPropertyFixTests
{
    private const string Id = DiagnosticIds.ConflictingProperties;

    [Fact]
    public Task NextNameNamingTheTypeofTarget_Fix_RemovesNextName()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Done), NextName = {|FLOW0006:"Done"|})] public class First;
                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Done))] public class First;
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task NextNameEqualToRenamedState_Fix_RemovesNextName()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(NextName = {|FLOW0006:"All done"|}, Next = typeof(Done))] public class First;
                [Succeed(Name = "All done")] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Done))] public class First;
                [Succeed(Name = "All done")] public class Done;
            }
            """);

    [Fact]
    public Task CatchNextNameAndTypeofConstructor_FixAll_RemovesEachNextName()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage", End = true)]
                [Catch(typeof(Failed), StatesErrors.Timeout, NextName = {|FLOW0006:"Failed"|})]
                [Catch(typeof(Failed), StatesErrors.All, NextName = {|FLOW0006:"Failed"|}, ResultPath = "$.error")]
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
                [Catch(typeof(Failed), StatesErrors.All, ResultPath = "$.error")]
                public class Send;

                [Fail] public class Failed;
            }
            """);

    [Fact]
    public Task ChoiceDefaultName_Fix_RemovesDefaultName()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Choice(Default = typeof(Done), DefaultName = {|FLOW0006:"Done"|})]
                [When("$.ok == true", Next = typeof(Done))]
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
                [When("$.ok == true", Next = typeof(Done))]
                public class Check;
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task ConstructorArgumentRepeatedWithSameValue_Fix_RemovesNamedArgument()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Fail("Broken", Error = {|FLOW0006:"Broken"|})] public class Failed;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Fail("Broken")] public class Failed;
            }
            """);

    [Fact]
    public Task NextNameNamingAnotherState_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Pass(Next = typeof(Done), NextName = {|FLOW0006:"Other"|})] public class First;
                [Succeed] public class Done;
                [Succeed] public class Other;
            }
            """);

    [Fact]
    public Task ConstructorArgumentRepeatedWithOtherValue_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("a", FunctionName = {|FLOW0006:"b"|}, End = true)] public class Call;
            }
            """);

    [Fact]
    public Task ValueAndItsPathForm_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("a", FunctionNamePath = {|FLOW0006:"$.fn"|}, End = true)] public class Call;
            }
            """);

    [Fact]
    public Task PayloadKeyRepeatingTypedProperty_Fix_RemovesTheKeyAndKeepsTheLayout()
        => Verify.VerifyAsync(Id,
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true, Parameters = {|FLOW0006:"""
                    {
                      "FunctionName": "extract",
                      "ClientContext": "abc"
                    }
                    """|})]
                public class Call;
            }
            """",
            """"
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true, Parameters = """
                    {
                      "ClientContext": "abc"
                    }
                    """)]
                public class Call;
            }
            """");

    [Fact]
    public Task LastPayloadKeyRepeatingPathProperty_Fix_RemovesKeyAndComma()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke(FunctionName = "f", PayloadPath = "$.input", End = true, Parameters = {|FLOW0006:"{\"Qualifier\": \"live\", \"Payload.$\": \"$.input\"}"|})]
                public class Call;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke(FunctionName = "f", PayloadPath = "$.input", End = true, Parameters = "{\"Qualifier\": \"live\"}")]
                public class Call;
            }
            """);

    [Fact]
    public Task OnlyPayloadKeyIsRedundant_Fix_RemovesTheArgument()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [SnsPublish("arn:aws:sns:us-east-1:123456789012:alerts", Parameters = {|FLOW0006:"{ \"TopicArn\": \"arn:aws:sns:us-east-1:123456789012:alerts\" }"|}, End = true)]
                public class Notify;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [SnsPublish("arn:aws:sns:us-east-1:123456789012:alerts", End = true)]
                public class Notify;
            }
            """);

    [Fact]
    public Task PayloadKeyWithAnotherValue_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true, Parameters = {|FLOW0006:"{\"FunctionName\": \"other\"}"|})]
                public class Call;
            }
            """);

    [Fact]
    public Task PayloadKeyInPathFormOfAValue_Fix_NotOffered()
        => Verify.VerifyNoFixAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [LambdaInvoke("extract", End = true, Parameters = {|FLOW0006:"{\"FunctionName.$\": \"extract\"}"|})]
                public class Call;
            }
            """);
}
