using Flowstate.CodeFixes.Tests.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Flowstate.CodeFixes.Tests;

/// <summary>The light bulb says exactly what each fix changes.</summary>
public class FixTitleTests
{
    private const string Header = "using Flowstate;\n[StateMachine(\"m\")]\npublic partial class M\n{\n";

    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        {
            nameof(MissingNextOrEndCodeFix), DiagnosticIds.MissingNextOrEnd,
            "[Pass] public class A; [Succeed] public class B;",
            new[] { "Add End = true (end the execution here)", "Go to B: add Next = typeof(B)" }
        },
        {
            nameof(MissingNextOrEndCodeFix), DiagnosticIds.MissingNextOrEnd,
            "[Parallel(End = true)] public class P { [Branch] public class Br { [Pass] public class A; } }",
            new[] { "Add End = true (end the branch here)" }
        },
        {
            nameof(MissingNextOrEndCodeFix), DiagnosticIds.MissingNextOrEnd,
            "[Map(End = true)] public class Each { [Pass(End = false)] public class A; }",
            new[] { "Set End = true (end the Map iteration here)" }
        },
        {
            nameof(NextAndEndCodeFix), DiagnosticIds.NextAndEnd,
            "[Pass(Next = typeof(B), End = true)] public class A; [Succeed] public class B;",
            new[] { "Remove End = true (keep Next)" }
        },
        {
            nameof(StatesAllCodeFix), DiagnosticIds.StatesAllNotAlone,
            "[Task(\"arn:aws:states:::sqs:sendMessage\", End = true)] [Catch(typeof(F), \"A\", StatesErrors.All)] public class A; [Fail] public class F;",
            new[] { "Keep only States.ALL in this [Catch] (it already matches the other errors)" }
        },
        {
            nameof(StatesAllCodeFix), DiagnosticIds.StatesAllNotLast,
            "[Task(\"arn:aws:states:::sqs:sendMessage\", End = true)] [Retry(StatesErrors.All)] [Retry(\"A\")] public class A;",
            new[] { "Move this [Retry] after the other retriers" }
        },
        {
            nameof(LambdaRetryCodeFix), DiagnosticIds.LambdaWithoutTransientRetry,
            "[LambdaInvoke(\"f\", End = true)] public class A;",
            new[] { "Add [Retry] for the transient Lambda errors (1 s interval, 3 attempts, backoff 2, full jitter)" }
        },
        {
            nameof(LambdaRetryCodeFix), DiagnosticIds.LambdaWithoutTransientRetry,
            "[LambdaInvoke(\"f\", End = true)] [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException)] public class A;",
            new[] { "Add [Retry] for Lambda.SdkClientException, Lambda.TooManyRequestsException (1 s interval, 3 attempts, backoff 2, full jitter)" }
        },
        {
            nameof(HeartbeatCodeFix), DiagnosticIds.HeartbeatNotBelowTimeout,
            "[Task(\"arn:aws:states:::sqs:sendMessage\", TimeoutSeconds = 5, HeartbeatSeconds = 5, End = true)] public class A;",
            new[] { "Remove HeartbeatSeconds (it can never expire before TimeoutSeconds)" }
        },
        {
            nameof(PayloadPathCodeFix), DiagnosticIds.PathWithoutDollarKey,
            "[Pass(Parameters = \"{\\\"id\\\": \\\"$.order.id\\\"}\", End = true)] public class A;",
            new[] { "Rename 'id' to 'id.$' to select $.order.id" }
        },
        {
            nameof(PayloadPathCodeFix), DiagnosticIds.DollarKeyNotPath,
            "[Pass(Parameters = \"{\\\"id.$\\\": \\\"order.id\\\"}\", End = true)] public class A;",
            new[] { "Change 'order.id' to '$.order.id'" }
        },
        {
            nameof(RedundantPropertyCodeFix), DiagnosticIds.ConflictingProperties,
            "[Pass(Next = typeof(B), NextName = \"B\")] public class A; [Succeed] public class B;",
            new[] { "Remove the redundant NextName = \"B\"" }
        },
        {
            nameof(RedundantPropertyCodeFix), DiagnosticIds.ConflictingProperties,
            "[LambdaInvoke(\"f\", End = true, Parameters = \"{\\\"FunctionName\\\": \\\"f\\\", \\\"Qualifier\\\": \\\"1\\\"}\")] public class A;",
            new[] { "Remove the redundant key 'FunctionName' from Parameters (FunctionName already writes it)" }
        },
        {
            nameof(ErrorNameCodeFix), DiagnosticIds.UnknownStatesError,
            "[Task(\"arn:aws:states:::sqs:sendMessage\", End = true)] [Retry(\"States.Timout\")] public class A;",
            new[] { "Change 'States.Timout' to 'States.Timeout'" }
        },
        {
            nameof(ErrorNameCodeFix), DiagnosticIds.ErrorAlreadyHandled,
            "[Task(\"arn:aws:states:::sqs:sendMessage\", End = true)] [Retry(\"A\")] [Retry(\"A\", \"B\")] [Retry(\"B\")] public class A;",
            new[] { "Remove 'A' from this [Retry] (retrier 1 already handles it)", "Remove this [Retry] (retrier 2 already handles 'B')" }
        },
        {
            nameof(LegacyMapFieldCodeFix), DiagnosticIds.LegacyMapField,
            "[Map(UseIterator = true, Parameters = \"{}\", End = true)] public class Each { [Succeed] public class D; }",
            new[] { "Write ItemProcessor instead of Iterator: remove UseIterator = true", "Rename Parameters to ItemSelector" }
        },
        {
            nameof(TransitionTargetCodeFix), DiagnosticIds.TransitionTargetNotFound,
            "[Pass(NextName = \"b\")] public class A; [Succeed] public class B;",
            new[] { "Go to 'B': Next = typeof(B)" }
        },
        {
            nameof(TransitionTargetCodeFix), DiagnosticIds.TransitionTargetNotFound,
            "[Task(\"arn:aws:states:::sqs:sendMessage\", End = true)] [Catch(StatesErrors.All, NextName = \"b\")] public class A; [Succeed] public class B;",
            new[] { "Change 'b' to 'B'" }
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fix_Title_SaysWhatChanges(string provider, string id, string states, string[] titles)
    {
        var fix = (CodeFixProvider)Activator.CreateInstance(typeof(MissingNextOrEndCodeFix).Assembly.GetType("Flowstate.CodeFixes." + provider)!)!;
        Assert.Equal(titles, await DirectFix.TitlesAsync(fix, Header + states + "\n}\n", id));
    }

    [Fact]
    public async Task MakePartial_Title_NamesEveryTypeMadePartial()
    {
        var titles = await DirectFix.TitlesAsync(new MakePartialCodeFix(),
            "using Flowstate;\npublic class Outer { [StateMachine(\"m\")] public class M { [Succeed] public class D; } }", DiagnosticIds.MachineNotPartial);
        Assert.Equal(new[] { "Make 'Outer' and 'M' partial", "Make 'Outer' and 'M' partial" }, titles);
    }
}
