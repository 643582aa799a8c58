using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// The deployment attributes on C# (FLOW7001-7011, FLOW7015-7017, FLOW71xx): each rule fires on the
/// argument that is wrong, and a grammar error inside a string (a cron field, a rate unit, a time zone,
/// a date, an event pattern) on exactly the wrong characters of the literal, whether it is a regular,
/// verbatim or raw literal or holds escapes. Each has a close case that must not fire.
/// </summary>
public class DeploymentRulesTests
{
    private const string Body = " public partial class M { [Succeed] public class Done; }";

    /// <summary>A machine M with <paramref name="attributes"/> on its class and nothing else.</summary>
    private static Task Machine(string attributes, params string[] check) => VerifyAsync("[StateMachine]" + attributes + Body, check);

    /// <summary>As <see cref="Machine"/>, with [assembly: ...] declarations (they must precede the namespace).</summary>
    private static Task WithAssembly(string assembly, string source, params string[] check)
        => Create("using Flowstate;\n" + assembly + "\nnamespace Demo;\n" + source, check).RunAsync();

    private const string Pattern = "\"{ \\\"source\\\": [\\\"aws.s3\\\"] }\"";

    // ---- FLOW7001 topics ----

    [Fact]
    public Task Flow7001_AlarmToUndeclaredTopic_OnTopic()
        => Machine("[Alarm(StateMachineMetric.ExecutionsFailed, {|FLOW7001:\"Alerts\"|})] [NotifyOnFailure({|FLOW7001:\"Alerts\"|})]");

    [Fact]
    public Task Flow7001_DeclaredTopic_NotReported()
        => WithAssembly("[assembly: FlowstateTopic(\"Alerts\")]",
            "[StateMachine][Alarm(StateMachineMetric.ExecutionsFailed, \"Alerts\")] [NotifyOnFailure(\"Alerts\")]" + Body, "FLOW7001");

    // ---- FLOW7002 / FLOW7006 target input ----

    [Fact]
    public Task Flow7002_InputAndInputPath_OnSecond()
        => Machine("[OnEvent(" + Pattern + ", Input = \"{}\", InputPath = {|FLOW7002:\"$.detail\"|})]");

    [Fact]
    public Task Flow7002_InputPathOnly_NotReported()
        => Machine("[OnEvent(" + Pattern + ", InputPath = \"$.detail\")]", "FLOW7002");

    [Fact]
    public Task Flow7006_PathsMapWithoutTemplate_OnPathsMap()
        => Machine("[OnEvent(" + Pattern + ", InputPathsMap = {|FLOW7006:\"{ \\\"key\\\": \\\"$.detail.object.key\\\" }\"|})]");

    [Fact]
    public Task Flow7006_PathsMapWithTemplate_NotReported()
        => Machine("[OnEvent(" + Pattern + ", InputPathsMap = \"{ \\\"key\\\": \\\"$.detail.object.key\\\" }\", InputTemplate = \"{ \\\"key\\\": <key> }\")]", "FLOW7006");

    // ---- FLOW7003 / FLOW7004 / FLOW7005 schedule options ----

    [Fact]
    public Task Flow7003_SchedulerOptionsOnEventBridgeRule_OnEachOption()
        => Machine("[Schedule(\"rate(1 hour)\", UseEventBridgeRule = true, TimeZone = {|FLOW7003:\"Europe/Berlin\"|}, FlexibleWindowMinutes = {|FLOW7003:15|}, StartDate = {|FLOW7003:\"2026-01-01T00:00:00Z\"|})]");

    [Fact]
    public Task Flow7003_SameOptionsOnScheduler_NotReported()
        => Machine("[Schedule(\"rate(1 hour)\", TimeZone = \"Europe/Berlin\", FlexibleWindowMinutes = 15, StartDate = \"2026-01-01T00:00:00Z\")]", "FLOW7003");

    [Fact]
    public Task Flow7004_EndBeforeStart_OnEndDate()
        => Machine("[Schedule(\"rate(1 hour)\", StartDate = \"2026-02-01T00:00:00Z\", EndDate = {|FLOW7004:\"2026-01-01T00:00:00Z\"|})]");

    [Fact]
    public Task Flow7004_EndAfterStart_NotReported()
        => Machine("[Schedule(\"rate(1 hour)\", StartDate = \"2026-01-01T00:00:00Z\", EndDate = \"2026-02-01T00:00:00+01:00\")]", "FLOW7004");

    [Fact]
    public Task Flow7005_ValuesOutOfRange_OnValue()
        => WithAssembly("[assembly: FlowstateTopic(\"Alerts\")]",
            "[StateMachine][Schedule(\"rate(1 hour)\", FlexibleWindowMinutes = {|FLOW7005:0|})] [Alarm(StateMachineMetric.ExecutionsFailed, \"Alerts\", PeriodSeconds = {|FLOW7005:90|})] [Logging(LogLevel.Error, RetentionDays = {|FLOW7005:10|})]" + Body);

    [Fact]
    public Task Flow7005_ValuesInRange_NotReported()
        => WithAssembly("[assembly: FlowstateTopic(\"Alerts\")]",
            "[StateMachine][Schedule(\"rate(1 hour)\", FlexibleWindowMinutes = 1440)] [Alarm(StateMachineMetric.ExecutionsFailed, \"Alerts\", PeriodSeconds = 120)] [Logging(LogLevel.Error, RetentionDays = 14)]" + Body, "FLOW7005");

    // ---- FLOW7007 / FLOW7008 parameters ----

    [Fact]
    public Task Flow7007_UndeclaredPlaceholder_OnResourceAndRoleArn()
        => WithAssembly("[assembly: FlowstateParameter(\"FunctionArn\")]", """
            [StateMachine]
            [Role(RoleArn = {|FLOW7007:"${PipelineRole}"|})]
            public partial class M
            {
                [Task("${FunctionArn}", TimeoutSeconds = 10, Next = typeof(Other))] public class Process;
                [Task({|FLOW7007:"${FunctonArn}"|}, TimeoutSeconds = 10, End = true)] public class Other;
            }
            """);

    [Fact]
    public Task Flow7007_ParametersTopicsBucketsMachinesAndPseudoParameters_NotReported()
        => WithAssembly("""
            [assembly: FlowstateParameter("FunctionArn")]
            [assembly: FlowstateTopic("Alerts")]
            [assembly: FlowstateBucket("Landing")]
            """, """
            [StateMachine]
            [OnS3ObjectCreated("${Landing}")]
            public partial class M
            {
                [Task("${FunctionArn}", TimeoutSeconds = 10, Next = typeof(Notify))] public class Process;
                [SnsPublish("${AlertsArn}", Message = "\"arn:aws:s3:::${Landing} in ${AWS::Region}\"", TimeoutSeconds = 10, Next = typeof(Child))] public class Notify;
                [Task("arn:aws:states:::states:startExecution", Parameters = "{ \"StateMachineArn\": \"${ChildMachineArn}\" }", TimeoutSeconds = 10, End = true)] public class Child;
            }
            [StateMachine] public partial class ChildMachine { [Succeed] public class Done; }
            """, "FLOW7007");

    [Fact]
    public Task Flow7007_AssemblyWithoutParameters_KeepsTheConfiguredBehaviour_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [Task(\"${Anything}\", TimeoutSeconds = 10, End = true)] public class Process; }", "FLOW7007", "FLOW7008", "FLOW6005", "FLOW6006");

    [Fact]
    public Task Flow7008_ParameterNoMachineUses_OnItsName()
        => WithAssembly("""
            [assembly: FlowstateParameter("FunctionArn")]
            [assembly: FlowstateParameter({|FLOW7008:"UnusedName"|})]
            """, """
            [StateMachine] public partial class M { [Task("${FunctionArn}", TimeoutSeconds = 10, End = true)] public class Process; }
            """);

    [Fact]
    public Task Flow7008_ParameterUsedByADeploymentAttributeOrAnotherMachine_NotReported()
        => WithAssembly("""
            [assembly: FlowstateParameter("FunctionArn")]
            [assembly: FlowstateParameter("Source")]
            [assembly: FlowstateParameter("Other")]
            """, """
            [StateMachine]
            [Schedule("rate(1 day)", Input = "{ \"source\": \"${Source}\" }")]
            public partial class M { [Task("${FunctionArn}", TimeoutSeconds = 10, End = true)] public class Process; }
            [StateMachine] public partial class N { [Task("${Other}", TimeoutSeconds = 10, End = true)] public class Process; }
            """, "FLOW7008");

    // ---- FLOW7009 names ----

    [Fact]
    public Task Flow7009_NamesThatAreNotLogicalIds_OnName()
        => WithAssembly("""
            [assembly: FlowstateTopic({|FLOW7009:"ops-alerts"|})]
            [assembly: FlowstateStack({|FLOW7009:"1st stack"|})]
            """, """
            [StateMachine]
            [Schedule("rate(1 day)", Name = {|FLOW7009:"night-run"|})]
            public partial class M { [Succeed] public class Done; }
            """);

    [Fact]
    public Task Flow7009_ValidNames_NotReported()
        => WithAssembly("""
            [assembly: FlowstateTopic("OpsAlerts")]
            [assembly: FlowstateStack("first-stack")]
            """, """
            [StateMachine]
            [Schedule("rate(1 day)", Name = "NightRun")]
            public partial class M { [Succeed] public class Done; }
            """, "FLOW7009");

    // ---- FLOW7010 / FLOW7011 stacks ----

    [Fact]
    public Task Flow7010_UndeclaredStack_OnName()
        => WithAssembly("[assembly: FlowstateStack(\"main\")]", "[StateMachine][InStack({|FLOW7010:\"other\"|})]" + Body);

    [Fact]
    public Task Flow7010_DeclaredStack_NotReported()
        => WithAssembly("[assembly: FlowstateStack(\"main\")][assembly: FlowstateStack(\"other\")]", "[StateMachine][InStack(\"other\")]" + Body, "FLOW7010");

    [Fact]
    public Task Flow7011_StartedTypeNotAMachineOrInAnotherStack_OnTypeof()
        => WithAssembly("[assembly: FlowstateStack(\"main\")][assembly: FlowstateStack(\"other\")]", """
            [StateMachine]
            public partial class M
            {
                [StartExecution(StateMachine = {|FLOW7011:typeof(Helper)|}, TimeoutSeconds = 10, Next = typeof(B))] public class A;
                [StartExecution(StateMachine = {|FLOW7011:typeof(Far)|}, TimeoutSeconds = 10, End = true)] public class B;
            }
            public class Helper { }
            [StateMachine][InStack("other")] public partial class Far { [Succeed] public class Done; }
            """);

    [Fact]
    public Task Flow7011_StartedMachineInTheSameStack_NotReported()
        => WithAssembly("[assembly: FlowstateStack(\"main\")][assembly: FlowstateStack(\"other\")]", """
            [StateMachine][InStack("other")]
            public partial class M { [StartExecution(StateMachine = typeof(Near), TimeoutSeconds = 10, End = true)] public class A; }
            [StateMachine][InStack("other")] public partial class Near { [Succeed] public class Done; }
            """, "FLOW7011");

    // ---- FLOW7015 / FLOW7016 role ----

    [Fact]
    public Task Flow7015_OwnRoleWithBoundaryAndStatement_OnEach()
        => Machine("[Role(RoleArn = \"arn:aws:iam::123456789012:role/etl\", PermissionsBoundary = {|FLOW7015:\"arn:aws:iam::123456789012:policy/boundary\"|})] [RolePolicyStatement({|FLOW7015:\"{ \\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": \\\"s3:GetObject\\\", \\\"Resource\\\": \\\"*\\\" }\"|})]");

    [Fact]
    public Task Flow7015_DerivedRoleWithBoundary_NotReported()
        => Machine("[Role(PermissionsBoundary = \"arn:aws:iam::123456789012:policy/boundary\")] [RolePolicyStatement(\"{ \\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": \\\"s3:GetObject\\\", \\\"Resource\\\": \\\"*\\\" }\")]", "FLOW7015");

    [Fact]
    public Task Flow7016_InvalidStatement_OnTheJsonInsideTheLiteral()
        => Machine(""""
            [RolePolicyStatement("""{ "Effect": {|FLOW7016:"Maybe"|}, "Action": [{|FLOW7016:"GetObject"|}], "Resource": "*", {|FLOW7016:"Principal"|}: "*" }""")]
            """");

    [Fact]
    public Task Flow7016_ValidStatement_NotReported()
        => Machine(""""
            [RolePolicyStatement("""{ "Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::raw", "arn:aws:s3:::raw/*"] }""")]
            """", "FLOW7016");

    // ---- FLOW7017 S3 buckets ----

    [Fact]
    public Task Flow7017_BucketTheStackDoesNotCreate_OnBucket()
        => Machine("[OnS3ObjectCreated({|FLOW7017:\"landing-bucket\"|}, Prefix = \"in/\")]");

    [Fact]
    public Task Flow7017_BucketDeclaredInTheStack_NotReported()
        => WithAssembly("[assembly: FlowstateBucket(\"Landing\")]", "[StateMachine][OnS3ObjectCreated(\"${Landing}\", Prefix = \"in/\")]" + Body, "FLOW7017");

    // ---- FLOW71xx schedules: on the characters inside the literal ----

    [Fact]
    public Task Flow7101_MalformedExpression_OnKeyword()
        => Machine("[Schedule(\"{|FLOW7101:Cron|}(0 2 * * ? *)\")]");

    [Fact]
    public Task Flow7101_WellFormedExpressions_NotReported()
        => Machine("[Schedule(\"cron(0 2 * * ? *)\")] [Schedule(\"rate(5 minutes)\")] [Schedule(\"at(2026-12-24T18:00:00)\")]", "FLOW7101");

    [Fact]
    public Task Flow7102_CronFieldOutOfRange_OnTheValue()
        => Machine("[Schedule(\"cron(0 {|FLOW7102:24|} * * ? *)\")] [Schedule(\"cron(0 2 ? * MON-{|FLOW7102:FRX|} *)\")]");

    [Fact]
    public Task Flow7102_CronFieldsWithLWAndHash_NotReported()
        => Machine("[Schedule(\"cron(0/15 2-4 L * ? 2026-2030)\")] [Schedule(\"cron(0 2 ? JAN-MAR 6#3 *)\")] [Schedule(\"cron(0 2 15W * ? *)\")]", "FLOW7102");

    [Fact]
    public Task Flow7103_BothDayFields_OnTheStarThatMustBeAQuestionMark()
        => Machine("[Schedule(\"cron(0 2 {|FLOW7103:*|} * MON *)\")]");

    [Fact]
    public Task Flow7103_OneDayFieldIsQuestionMark_NotReported()
        => Machine("[Schedule(\"cron(0 2 ? * MON *)\")]", "FLOW7103");

    [Fact]
    public Task Flow7104_RateUnitAndValueDisagree_OnTheUnit_InEveryKindOfLiteral()
        => Machine(""""
            [Schedule("rate(2 {|FLOW7104:day|})")]
            [Schedule(@"rate(1 {|FLOW7104:days|})")]
            [Schedule("rate(2\u0020{|FLOW7104:hour|})")]
            [Schedule("""rate(5 {|FLOW7104:minute|})""")]
            """");

    [Fact]
    public Task Flow7104_RateUnitsAgree_NotReported()
        => Machine("[Schedule(\"rate(1 day)\")] [Schedule(\"rate(2 days)\")] [Schedule(\"rate(1 minute)\")]", "FLOW7104");

    [Fact]
    public Task Flow7105_RateUnitUnknown_OnTheUnit()
        => Machine("[Schedule(\"rate(2 {|FLOW7105:weeks|})\")] [Schedule(\"rate({|FLOW7105:0|} minutes)\")]");

    [Fact]
    public Task Flow7105_RateUnitKnown_NotReported()
        => Machine("[Schedule(\"rate(14 days)\")]", "FLOW7105");

    [Fact]
    public Task Flow7106_DatesThatDoNotExist_OnTheDay()
        => Machine("[Schedule(\"at(2026-02-{|FLOW7106:30|}T10:00:00)\")] [Schedule(\"rate(1 day)\", StartDate = \"2027-02-{|FLOW7106:29|}T00:00:00Z\")]");

    [Fact]
    public Task Flow7106_RealDates_NotReported()
        => Machine("[Schedule(\"at(2028-02-29T10:00:00)\")] [Schedule(\"rate(1 day)\", StartDate = \"2026-03-01T00:00:00Z\", EndDate = \"2026-12-31T23:59:59+01:00\")]", "FLOW7106");

    [Fact]
    public Task Flow7107_UnknownTimeZone_OnTheName()
        => Machine("[Schedule(\"cron(0 2 * * ? *)\", TimeZone = \"{|FLOW7107:Europe/Berln|}\")]");

    [Fact]
    public Task Flow7107_IanaTimeZone_NotReported()
        => Machine("[Schedule(\"cron(0 2 * * ? *)\", TimeZone = \"America/New_York\")] [Schedule(\"rate(1 day)\", TimeZone = \"UTC\")]", "FLOW7107");

    [Fact]
    public Task Flow7108_AtOnEventBridgeRule_Reported()
    {
        var problem = Assert.Single(ScheduleExpressions.Parse("at(2026-12-24T18:00:00)", ScheduleTarget.EventBridgeRule).Problems);
        Assert.Equal(DiagnosticIds.ScheduleKindNotSupported, problem.Id);
        const string expression = "at(2026-12-24T18:00:00)";
        var marked = expression.Substring(0, problem.Offset) + "{|FLOW7108:" + expression.Substring(problem.Offset, problem.Length) + "|}" + expression.Substring(problem.Offset + problem.Length);
        return Machine("[Schedule(\"" + marked + "\", UseEventBridgeRule = true)]");
    }

    [Fact]
    public Task Flow7108_AtOnScheduler_NotReported()
        => Machine("[Schedule(\"at(2026-12-24T18:00:00)\")] [Schedule(\"rate(1 day)\", UseEventBridgeRule = true)]", "FLOW7108");

    // ---- FLOW7110 / FLOW7111 event patterns ----

    [Fact]
    public Task Flow7110_ValueNotInArray_OnTheValueInsideTheLiteral()
        => Machine(""""
            [OnEvent("""{ "source": {|FLOW7110:"aws.s3"|}, "detail-type": ["Object Created"] }""")]
            """");

    [Fact]
    public Task Flow7110_WellFormedPattern_NotReported()
        => Machine(""""
            [OnEvent("""{ "source": ["aws.s3"], "detail-type": ["Object Created"], "detail": { "object": { "size": [{ "numeric": [">", 0] }] } } }""")]
            """", "FLOW7110");

    [Fact]
    public Task Flow7111_UnknownContentFilter_OnTheKey_WithEscapedQuotes()
        => Machine("[OnEvent(\"{ \\\"detail\\\": { \\\"key\\\": [{ {|FLOW7111:\\\"prefx\\\"|}: \\\"in/\\\" }] } }\")]");

    [Fact]
    public Task Flow7111_KnownContentFilters_NotReported()
        => Machine(""""
            [OnEvent("""{ "detail": { "key": [{ "prefix": "in/" }, { "suffix": ".csv" }, { "anything-but": ["tmp"] }, { "wildcard": "in/*.csv" }, { "equals-ignore-case": "A" }], "x": [{ "exists": true }] } }""")]
            """", "FLOW7111");

    // ---- FLOW7120-7122 the derived role ----

    [Fact]
    public Task Flow7120_ResourceGivenByPath_OnTheDollarKey()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Task("arn:aws:states:::sns:publish", Parameters = """{ {|FLOW7120:"TopicArn.$"|}: "$.topic", "Message": "done" }""", TimeoutSeconds = 10, End = true)] public class Notify;
            }
            """");

    [Fact]
    public Task Flow7120_ResourceGivenAsValue_NotReported()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Task("arn:aws:states:::sns:publish", Parameters = """{ "TopicArn": "arn:aws:sns:eu-central-1:123456789012:alerts", "Message": "done" }""", TimeoutSeconds = 10, End = true)] public class Notify;
            }
            """", "FLOW7120");

    [Fact]
    public Task Flow7120_OwnRole_NotReported()
        => VerifyAsync(""""
            [StateMachine][Role(RoleArn = "arn:aws:iam::123456789012:role/etl")] public partial class M
            {
                [Task("arn:aws:states:::sns:publish", Parameters = """{ "TopicArn.$": "$.topic", "Message": "done" }""", TimeoutSeconds = 10, End = true)] public class Notify;
            }
            """", "FLOW7120", "FLOW7121", "FLOW7122");

    [Fact]
    public Task Flow7121_SdkServiceOutsideTheTable_OnResource()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Task({|FLOW7121:"arn:aws:states:::aws-sdk:mediaconvert:createJob"|}, Parameters = """{ "Role": "r" }""", TimeoutSeconds = 10, End = true)] public class Convert;
            }
            """");

    [Fact]
    public Task Flow7121_SdkServiceInTheTable_NotReported()
        => VerifyAsync(""""
            [StateMachine] public partial class M
            {
                [Task("arn:aws:states:::aws-sdk:s3:getObject", Parameters = """{ "Bucket": "raw", "Key": "manifest.json" }""", TimeoutSeconds = 10, End = true)] public class Read;
            }
            """", "FLOW7121");

    [Fact]
    public Task Flow7122_PlaceholderResource_OnResource()
        => VerifyAsync("[StateMachine] public partial class M { [Task({|FLOW7122:\"${ProcessFunctionArn}\"|}, TimeoutSeconds = 10, End = true)] public class Process; }");

    [Fact]
    public Task Flow7122_TypedIntegration_NotReported()
        => VerifyAsync("[StateMachine] public partial class M { [LambdaInvoke(\"${ProcessFunctionArn}\", TimeoutSeconds = 10, End = true)] public class Process; }", "FLOW7122");
}
