using Flowstate.Core.Diagnostics;
using Verify = Flowstate.CodeFixes.Tests.Support.FixTest<Flowstate.CodeFixes.DeploymentTextCodeFix>;

namespace Flowstate.CodeFixes.Tests;

/// <summary>
/// The rate-unit fix on the real [Schedule] attribute, with the diagnostic the shipped analyzer reports
/// (on the unit inside the string literal): one at a time and as Fix All, for both EventBridge Scheduler
/// and an EventBridge rule schedule.
/// </summary>
public class DeploymentTextFixEndToEndTests
{
    [Fact]
    public Task RateUnit_PluralAndSingular_AreRepaired()
        => Verify.VerifyAsync(DiagnosticIds.RateUnitNumber,
            """
            using Flowstate;

            [StateMachine("m")]
            [Schedule("rate(2 {|FLOW7104:day|})", TimeZone = "Europe/Berlin")]
            [Schedule(@"rate(1 {|FLOW7104:days|})", UseEventBridgeRule = true)]
            public partial class M
            {
                [Succeed] public class Done;
            }
            """,
            """
            using Flowstate;

            [StateMachine("m")]
            [Schedule("rate(2 days)", TimeZone = "Europe/Berlin")]
            [Schedule("rate(1 day)", UseEventBridgeRule = true)]
            public partial class M
            {
                [Succeed] public class Done;
            }
            """);

    [Fact]
    public Task BothDayFieldsSet_NoFix()
        => Verify.VerifyNoFixAsync(DiagnosticIds.CronDayFields,
            """
            using Flowstate;

            [StateMachine("m")]
            [Schedule("cron(0 2 1 * {|FLOW7103:MON|} *)")]
            public partial class M
            {
                [Succeed] public class Done;
            }
            """);
}
