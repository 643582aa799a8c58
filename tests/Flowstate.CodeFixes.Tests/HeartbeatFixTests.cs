using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.HeartbeatCodeFix>;

namespace Flowstate.CodeFixes.Tests;

public class HeartbeatFixTests
{
    private const string Id = DiagnosticIds.HeartbeatNotBelowTimeout;

    [Fact]
    public Task HeartbeatEqualToTimeout_Fix_RemovesHeartbeat()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Activity("arn:aws:states:us-east-1:123456789012:activity:a", TimeoutSeconds = 300, HeartbeatSeconds = {|FLOW4007:300|}, End = true)]
                public class Work;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Activity("arn:aws:states:us-east-1:123456789012:activity:a", TimeoutSeconds = 300, End = true)]
                public class Work;
            }
            """);

    [Fact]
    public Task SeveralTasks_FixAll_RemovesEachHeartbeat()
        => Verify.VerifyAsync(Id,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", HeartbeatSeconds = {|FLOW4007:600|}, TimeoutSeconds = 60, Next = typeof(B))] public class A;
                [Task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds = 10, HeartbeatSeconds = {|FLOW4007:11|}, End = true)] public class B;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            public partial class M
            {
                [Task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds = 60, Next = typeof(B))] public class A;
                [Task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds = 10, End = true)] public class B;
            }
            """);
}
