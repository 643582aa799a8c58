using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// FLOW6001..FLOW6006 on C#, and severities set in .editorconfig (standard descriptor behaviour,
/// exercised through the analyzer config files of the test harness).
/// </summary>
public class BestPracticeRulesTests
{
    private const string AllTransient = "[Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException)]";

    [Fact]
    public Task Flow6001_LambdaWithoutRetry_OnAttributeName()
        => VerifyAsync("[StateMachine] public partial class M { [{|FLOW6001:LambdaInvoke|}(\"process\", TimeoutSeconds = 30, End = true)] public class Process; }");

    [Fact]
    public Task Flow6001_LambdaRetryingOneError_OnRetry()
        => VerifyAsync("[StateMachine] public partial class M { [LambdaInvoke(\"process\", TimeoutSeconds = 30, End = true)] [{|FLOW6001:Retry(LambdaErrors.ServiceException)|}] public class Process; }");

    [Fact]
    public Task Flow6001_LambdaRetryingTransientErrors_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [LambdaInvoke(\"process\", TimeoutSeconds = 30, End = true)] " + AllTransient + " public class Process; }", "FLOW6001");

    [Fact]
    public Task Flow6002_TaskWithoutTimeout_OnResource()
        => VerifyAsync("[StateMachine] public partial class M { [Task({|FLOW6002:\"arn:aws:states:::sqs:sendMessage\"|}, End = true)] public class Send; }");

    [Fact]
    public Task Flow6002_TaskWithTimeout_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Task(\"arn:aws:states:::sqs:sendMessage\", TimeoutSeconds = 10, End = true)] public class Send; }", "FLOW6002");

    [Fact]
    public Task Flow6003_ChoiceWithoutDefault_OnChoiceAttribute()
        => VerifyAsync("[StateMachine] public partial class M { [{|FLOW6003:Choice|}] [When(\"$.ok == true\", Next = typeof(B))] public class C; [Succeed] public class B; }");

    [Fact]
    public Task Flow6003_ChoiceWithDefault_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Choice(Default = typeof(B))] [When(\"$.ok == true\", Next = typeof(B))] public class C; [Succeed] public class B; }", "FLOW6003");

    [Fact]
    public Task Flow6004_MapUsingIterator_OnUseIterator()
        => VerifyAsync("[StateMachine] public partial class M { [Map(UseIterator = {|FLOW6004:true|}, End = true)] public class Each { [Pass(End = true)] public class Item; } }");

    [Fact]
    public Task Flow6004_MapParametersWithoutItemSelector_OnParameters()
        => VerifyAsync("[StateMachine] public partial class M { [Map(Parameters = {|FLOW6004:\"{ \\\"id.$\\\": \\\"$$.Map.Item.Value\\\" }\"|}, End = true)] public class Each { [Pass(End = true)] public class Item; } }");

    [Fact]
    public Task Flow6004_MapItemSelector_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Map(ItemSelector = \"{ \\\"id.$\\\": \\\"$$.Map.Item.Value\\\" }\", End = true)] public class Each { [Pass(End = true)] public class Item; } }");

    private const string Placeholders = "root = true\n[*.cs]\nflowstate_placeholders = ProcessFunctionArn, OrdersQueueUrl\n";

    [Fact]
    public Task Flow6005And6006_UndeclaredAndUnusedPlaceholders_OnResourceAndProject()
    {
        var test = Create(Usings + "[StateMachine] public partial class M { [Task({|FLOW6005:\"${ProcesFunctionArn}\"|}, TimeoutSeconds = 10, End = true)] public class Process; }", "FLOW6006");
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Placeholders));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PlaceholderUnused).WithNoLocation().WithArguments("OrdersQueueUrl", "M"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PlaceholderUnused).WithNoLocation().WithArguments("ProcessFunctionArn", "M"));
        return test.RunAsync();
    }

    [Fact]
    public Task Flow6006_PlaceholderUsedByAnotherMachine_NotReported()
        => VerifyAsync("""
            [StateMachine] public partial class Orders { [Task("${ProcessFunctionArn}", TimeoutSeconds = 10, End = true)] public class Process; }
            [StateMachine] public partial class Queue { [SqsSendMessage(QueueUrl = "${OrdersQueueUrl}", MessageBodyPath = "$", TimeoutSeconds = 10, End = true)] public class Send; }
            """, Placeholders, "FLOW6006");

    [Fact]
    public Task Flow6005And6006_DeclaredAndUsedPlaceholders_NotReported()
        => VerifyAsync("""
            [StateMachine] public partial class M
            {
                [Task("${ProcessFunctionArn}", TimeoutSeconds = 10, Next = typeof(Send))] public class Process;
                [SqsSendMessage(QueueUrl = "${OrdersQueueUrl}", MessageBodyPath = "$", TimeoutSeconds = 10, End = true)] public class Send;
            }
            """, Placeholders);

    [Fact]
    public Task Flow6005And6006_NoDeclarations_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Task(\"${ProcesFunctionArn}\", TimeoutSeconds = 10, End = true)] public class Process; }", "FLOW6005", "FLOW6006");

    [Fact]
    public Task Flow6005_PlaceholdersFromMsBuildProperty_Reported()
    {
        var test = Create(Usings + "[StateMachine] public partial class M { [Task({|FLOW6005:\"${Other}\"|}, TimeoutSeconds = 10, End = true)] public class Process; }", "FLOW6006");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.FlowstatePlaceholders = Other2;Other\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PlaceholderUnused).WithNoLocation().WithArguments("Other2", "M"));
        return test.RunAsync();
    }

    // ---- severity from .editorconfig ----

    private const string Untimed = "[StateMachine] public partial class M { [Task({|#0:\"arn:aws:states:::sqs:sendMessage\"|}, End = true)] public class Send; }";

    [Fact]
    public Task Severity_EditorConfigNone_SuppressesFlow6002()
    {
        var test = Create(Usings + Untimed.Replace("{|#0:", "").Replace("|}", ""), "FLOW6002");
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.FLOW6002.severity = none\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Severity_EditorConfigError_RaisesFlow6002ToError()
    {
        var test = Create(Usings + Untimed, "FLOW6002");
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.FLOW6002.severity = error\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.Of(Rules.TaskWithoutTimeout)).WithSeverity(DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("Send", "if the call hangs, the state waits until the execution times out; set TimeoutSeconds to fail fast and let Retry or Catch handle States.Timeout"));
        return test.RunAsync();
    }

    [Fact]
    public Task Severity_Default_Flow6002IsInfo()
    {
        var test = Create(Usings + Untimed, "FLOW6002");
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.Of(Rules.TaskWithoutTimeout)).WithSeverity(DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("Send", "if the call hangs, the state waits until the execution times out; set TimeoutSeconds to fail fast and let Retry or Catch handle States.Timeout"));
        return test.RunAsync();
    }
}
