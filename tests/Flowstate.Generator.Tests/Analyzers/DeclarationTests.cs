using System.Globalization;
using Flowstate.Generator.Analyzers;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// FLOW0002..FLOW0009: problems in how a machine is declared, on the argument they concern. For each
/// id, a source that fires on the right span and a close one that must not. (Formerly
/// DeclarationAnalyzerTests; the declaration analyzer is now part of <see cref="StateMachineAnalyzer"/>.)
/// </summary>
public class DeclarationTests
{
    private static string Message(string source)
    {
        var d = Assert.Single(CompilationAnalyzerRunner.Run(CompilationFactory.Create(Usings + source)));
        return d.GetMessage(CultureInfo.InvariantCulture);
    }

    // ---- FLOW0002 ----

    [Fact]
    public Task Flow0002_ClassNotPartial_OnClassName()
        => VerifyAsync("[StateMachine] public class {|FLOW0002:Orders|} { [Succeed] public class Done; }");

    [Fact]
    public Task Flow0002_ContainingTypeNotPartial_OnContainingTypeName()
        => VerifyAsync("public class {|FLOW0002:Outer|} { [StateMachine] public partial class Orders { [Succeed] public class Done; } }");

    [Fact]
    public Task Flow0002_PartialClassInPartialOuter_NotReported()
        => VerifyAsync("public partial class Outer { [StateMachine] public partial class Orders { [Succeed] public class Done; } }");

    [Fact]
    public void Flow0002_Message_NamesClassAndFix()
        => Assert.Equal("Add 'partial' to 'Orders': Flowstate generates AslJson and Definition into state machine class 'Orders', which needs it and every type around it to be partial",
            Message("[StateMachine] public class Orders { [Succeed] public class Done; }"));

    // ---- FLOW0003 ----

    [Fact]
    public Task Flow0003_InvalidJsonInRegularLiteral_OnOffendingCharacter()
        => VerifyAsync("[StateMachine] public partial class M { [Pass(Parameters = \"{\\\"a\\\": {|FLOW0003:'|}x'}\", End = true)] public class A; }");

    [Fact]
    public Task Flow0003_InvalidJsonInRawLiteral_OnOffendingCharacter()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [LambdaInvoke("f", End = true, Payload = """
                    {
                      "order": {|FLOW0003:$|}.order
                    }
                    """)]
                public class A;
            }
            """");

    [Fact]
    public Task Flow0003_ValidJsonAndJsonata_NotReported()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Pass(Result = """{ "order": { "id": 1 } }""", Next = typeof(B))] public class A;
                [Pass(QueryLanguage = QueryLanguage.Jsonata, Output = "{% $states.input %}", End = true)] public class B;
            }
            """");

    [Fact]
    public void Flow0003_Message_SaysWhatAndWhere()
        => Assert.StartsWith("Parameters of state 'A' is not valid JSON: ",
            Message("[StateMachine] public partial class M { [Pass(Parameters = \"{'a': 1}\", End = true)] public class A; }"));

    // ---- FLOW0004 ----

    [Fact]
    public Task Flow0004_NextTypeofHelperClass_OnTypeofExpression()
        => VerifyAsync("[StateMachine] public partial class M { [Pass(Next = {|FLOW0004:typeof(Helper)|})] public class A; public class Helper; }");

    [Fact]
    public Task Flow0004_CatchTargetNotAState_OnTypeofExpression()
        => VerifyAsync("[StateMachine] public partial class M { [Task(\"arn:aws:lambda:us-east-1:1:function:f\", End = true)] [Catch({|FLOW0004:typeof(string)|}, StatesErrors.All)] public class A; }");

    [Fact]
    public Task Flow0004_NextTypeofState_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Pass(Next = typeof(B))] public class A; [Succeed] public class B; }");

    [Fact]
    public void Flow0004_Message_OffersNameVariant()
        => Assert.Equal("Next of state 'A' refers to 'Helper', which is not a state of this state machine; give it a state attribute and nest it in the machine, or use NextName to give a state name",
            Message("[StateMachine] public partial class M { [Pass(Next = typeof(Helper))] public class A; public class Helper; }"));

    // ---- FLOW0005 ----

    [Fact]
    public Task Flow0005_InvalidCondition_InsideConditionLiteral()
        => VerifyAsync("[StateMachine] public partial class M { [Choice] [When(\"$.a =={|FLOW0005:=|} 1\", Next = typeof(B))] public class C; [Succeed] public class B; }");

    [Fact]
    public Task Flow0005_ValidCondition_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Choice(Default = typeof(B))] [When(\"$.a == 1\", Next = typeof(B))] public class C; [Succeed] public class B; }");

    [Fact]
    public void Flow0005_Message_NamesRuleAndState()
        => Assert.StartsWith("The condition of [When] rule 1 of Choice state 'C' is invalid: ",
            Message("[StateMachine] public partial class M { [Choice] [When(\"$.a === 1\", Next = typeof(B))] public class C; [Succeed] public class B; }"));

    // ---- FLOW0006 ----

    [Fact]
    public Task Flow0006_ValueAndPath_OnSecondProperty()
        => VerifyAsync("[StateMachine] public partial class M { [SnsPublish(\"t\", TopicArnPath = {|FLOW0006:\"$.t\"|}, End = true)] public class A; }");

    [Fact]
    public Task Flow0006_NextAndNextName_OnNextName()
        => VerifyAsync("[StateMachine] public partial class M { [Pass(Next = typeof(B), NextName = {|FLOW0006:\"B\"|})] public class A; [Succeed] public class B; }");

    [Fact]
    public Task Flow0006_PathOnly_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [SnsPublish(TopicArnPath = \"$.t\", Message = \"\\\"hi\\\"\", End = true)] public class A; }");

    [Fact]
    public void Flow0006_Message_NamesBothProperties()
        => Assert.Equal("In state 'A', TopicArn and TopicArnPath both write the Parameters key 'TopicArn'; set only one of them",
            Message("[StateMachine] public partial class M { [SnsPublish(\"t\", TopicArnPath = \"$.t\", End = true)] public class A; }"));

    // ---- FLOW0007 ----

    [Fact]
    public Task Flow0007_TwoStateAttributes_OnSecondAttributeName()
        => VerifyAsync("[StateMachine] public partial class M { [Pass(End = true)] [{|FLOW0007:Wait|}(Seconds = 1)] public class A; }");

    [Fact]
    public Task Flow0007_OneStateAttributeWithRetry_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Task(\"arn:aws:states:::sqs:sendMessage\", End = true)] [Retry(StatesErrors.TaskFailed)] public class A; }");

    // ---- FLOW0008 ----

    [Fact]
    public Task Flow0008_BranchOutsideParallel_OnBranchAttribute()
        => VerifyAsync("[StateMachine] public partial class M { [Succeed] public class Done; [{|FLOW0008:Branch|}] public class B { [Succeed] public class X; } }");

    [Fact]
    public Task Flow0008_StateDirectlyInParallel_OnStateAttribute()
        => VerifyAsync("[StateMachine] public partial class M { [Parallel(End = true)] public class P { [Branch] public class One { [Succeed] public class X; } [{|FLOW0008:Pass|}] public class Stray; } }");

    [Fact]
    public Task Flow0008_StateInBranch_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Parallel(End = true)] public class P { [Branch] public class One { [Pass(End = true)] public class X; } } }");

    [Fact]
    public void Flow0008_Message_SaysWhereItBelongs()
        => Assert.StartsWith("'Stray' is misplaced: a state cannot sit directly in Parallel state 'P'",
            Message("[StateMachine] public partial class M { [Parallel(End = true)] public class P { [Branch] public class One { [Succeed] public class X; } [Pass] public class Stray; } }"));

    // ---- FLOW0008 outside every machine (issue 11 item 4) ----

    [Fact]
    public Task Flow0008_TopLevelStateClass_OnStateAttribute()
        => VerifyAsync("[StateMachine] public partial class M { [Succeed] public class Done; } [{|FLOW0008:Succeed|}] public class Orphan;");

    [Fact]
    public Task Flow0008_StateInHelperClassOutsideMachines_OnStateAttribute()
        => VerifyAsync("public static class Helpers { [{|FLOW0008:Pass|}(End = true)] public class Orphan; public class Deeper { [{|FLOW0008:Fail|}(Error = \"E\")] public class Lost; } }");

    [Fact]
    public Task Flow0008_OrphanParallelWithBranches_OnlyOnOutermostClass()
        => VerifyAsync("[{|FLOW0008:Parallel|}(End = true)] public class Fan { [Branch] public class One { [Succeed] public class X; } }");

    [Fact]
    public Task Flow0008_RetryPolicyClassOutsideMachines_OnRetryAttribute()
        => VerifyAsync("[{|FLOW0008:Retry|}(StatesErrors.TaskFailed)] public class RetryPolicy;");

    [Fact]
    public void Flow0008_OrphanMessage_SaysNoMachineIncludesIt()
        => Assert.Equal("'Orphan' is misplaced: it is nested in 'Helpers', which is neither a [StateMachine] class nor nested in one, so no state machine includes this state class; move it into the [StateMachine] class (or a [Branch] or [Map] class in it) it belongs to",
            Message("public static class Helpers { [Succeed] public class Orphan; }"));

    [Fact]
    public Task Flow0008_StatesReachedByAMachine_NotReported()
        => VerifyAsync("""
            public abstract class PipelineBase { public class Helper { } }
            public class StepBase { }
            public static partial class Pipelines
            {
                [StateMachine] public partial class M : PipelineBase
                {
                    [Parallel(Next = typeof(Each))]
                    public class Fan
                    {
                        [Branch] public class One { [Pass(End = true)] public class X : StepBase; }
                        [Branch] public class Two { [Succeed] public class Y; }
                    }
                    [Map(ItemsPath = "$.items", Next = typeof(Done))]
                    public class Each { [Pass(End = true)] public class Item : StepBase; public static class Constants { public const string Key = "k"; } }
                    [Succeed] public class Done;
                    [StateMachine] public partial class Inner { [Succeed] public class Ok; }
                }
            }
            """);

    // ---- FLOW0009 ----

    [Fact]
    public Task Flow0009_UnsupportedPattern_OnIntegrationArgument()
        => VerifyAsync("[StateMachine] public partial class M { [DynamoDbGetItem(TableName = \"t\", Key = \"{}\", End = true, Integration = {|FLOW0009:IntegrationPattern.Sync|})] public class A; }");

    [Fact]
    public Task Flow0009_SupportedPattern_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [GlueStartJobRun(\"etl\", Integration = IntegrationPattern.Sync, End = true)] public class A; }");

    [Fact]
    public void Flow0009_Message_ListsSupportedPatterns()
        => Assert.Equal("State 'A' uses [DynamoDbGetItem] with IntegrationPattern.Sync, which this integration does not support; use IntegrationPattern.RequestResponse",
            Message("[StateMachine] public partial class M { [DynamoDbGetItem(Integration = IntegrationPattern.Sync, End = true)] public class A; }"));

    // ---- across files, descriptors ----

    [Fact]
    public void TwoFiles_DiagnosticInSecondFile_MappedToThatFile()
    {
        var compilation = CompilationFactory.Create(
            Usings + "[StateMachine] public partial class M { [Succeed] public class A; }",
            Usings + "public partial class M { [Pass(Next = typeof(string))] public class B; }");
        var d = Assert.Single(CompilationAnalyzerRunner.Run(compilation));
        Assert.Equal("/src/Source1.cs", d.Location.SourceTree!.FilePath);
        Assert.Equal("typeof(string)", d.Location.SourceTree.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }

    [Fact]
    public void Descriptors_EveryDeclarationIdHasCategoryHelpLinkAndReleaseEntry()
    {
        var analyzer = new StateMachineAnalyzer();
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Flowstate.Generator", "Diagnostics", "AnalyzerReleases.Unshipped.md"));
        foreach (var id in new[] { "FLOW0001", "FLOW0002", "FLOW0003", "FLOW0004", "FLOW0005", "FLOW0006", "FLOW0007", "FLOW0008", "FLOW0009", "FLOW0010", "FLOW0011" })
        {
            var descriptor = analyzer.SupportedDiagnostics.Single(d => d.Id == id);
            Assert.Equal("Flowstate.Declaration", descriptor.Category);
            Assert.EndsWith("docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);
            Assert.Matches($@"(?m)^{id} \| Flowstate\.Declaration \| {descriptor.DefaultSeverity} \|", releases);
            Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
        }
    }

    [Fact]
    public void Descriptors_AnalyzerSupportsEveryRuleOfTheValidator()
    {
        var supported = new StateMachineAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in Descriptors.RuleDescriptors) Assert.Contains(rule.Id, supported);
        // Plus the deployment rules reported on the class's deployment attributes: every FLOW71xx, and the FLOW70xx
        // ids except the stack-wide limits and duplicate logical ids (FLOW7012-7014, FLOW7018), which are not reported here.
        foreach (var rule in Descriptors.DeploymentSyntaxRules) Assert.Contains(rule.Id, supported);
        var model = Descriptors.DeploymentRules.Select(d => d.Id).Where(id => id is not ("FLOW7012" or "FLOW7013" or "FLOW7014" or "FLOW7018")).ToList();
        foreach (var id in model) Assert.Contains(id, supported);
        Assert.Equal(Descriptors.RuleDescriptors.Count + Descriptors.DeclarationRules.Length + Descriptors.DeploymentSyntaxRules.Length + model.Count, supported.Count);
    }

    internal static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "")
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Generator.sln"))) return dir;
        throw new InvalidOperationException("repository root not found");
    }
}
