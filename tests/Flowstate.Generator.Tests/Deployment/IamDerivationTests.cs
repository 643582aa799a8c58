using System.Diagnostics;
using System.Text.Json;
using Flowstate.Core.Asl;
using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// The derived role statements per integration, against the table of deploy-facts.md §1.3 (the row each
/// case follows is cited; where CDK and serverless-step-functions differ, IamDerivation.cs says which one
/// Flowstate follows and why), and every action name against the IAM action list cfn-lint 1.51.0 ships.
/// </summary>
public class IamDerivationTests
{
    private const string P = "${AWS::Partition}";
    private const string R = "${AWS::Region}";
    private const string A = "${AWS::AccountId}";

    private static StateMachineSpec Machine(string resource, string parameters, string extraState = "")
    {
        var json = "{ \"StartAt\": \"T\", \"States\": { \"T\": { \"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"Parameters\": " + parameters + ", \"End\": true }" + extraState + " } }";
        var read = AslReader.Read(json, "etl");
        Assert.NotNull(read.Spec);
        return read.Spec!;
    }

    private static string Format(IamStatement s)
        => string.Join(",", s.Actions) + " -> " + string.Join(",", s.Resources) + (s.Condition is null ? "" : " if " + s.Condition);

    private static string[] Derive(string resource, string parameters)
        => IamDerivation.Analyze(Machine(resource, parameters)).Statements.Select(Format).ToArray();

    private const string Arn = "arn:aws:states:::";

    private const string GlueAll19 = "glue:BatchCreatePartition,glue:BatchDeletePartition,glue:BatchDeleteTable,glue:BatchGetPartition,glue:CreateDatabase,glue:CreatePartition,glue:CreateTable,glue:DeleteDatabase,glue:DeletePartition,glue:DeleteTable,glue:GetDatabase,glue:GetDatabases,glue:GetPartition,glue:GetPartitions,glue:GetTable,glue:GetTables,glue:UpdateDatabase,glue:UpdatePartition,glue:UpdateTable";

    /// <summary>(attribute, pattern) -> (resource suffix base, Parameters, expected statements, source row of deploy-facts.md §1.3).</summary>
    public static readonly Dictionary<(string Integration, string Pattern), (string Parameters, string[] Expected, string Row)> Table = new()
    {
        [("LambdaInvoke", "RequestResponse")] = ("""{ "FunctionName": "extract", "Payload.$": "$" }""",
            new[] { $"lambda:InvokeFunction -> arn:{P}:lambda:{R}:{A}:function:extract,arn:{P}:lambda:{R}:{A}:function:extract:*" },
            "lambda:invoke: CDK [fnArn, fnArn:*] unqualified; sls same"),
        [("LambdaInvoke", "WaitForTaskToken")] = ("""{ "FunctionName": "${ExtractFunctionArn}", "Payload": { "token.$": "$$.Task.Token" } }""",
            new[] { "lambda:InvokeFunction -> ${ExtractFunctionArn},${ExtractFunctionArn}:*" },
            "lambda:invoke (and .waitForTaskToken)"),
        [("GlueStartJobRun", "RequestResponse")] = ("""{ "JobName": "etl" }""",
            new[] { $"glue:StartJobRun -> arn:{P}:glue:{R}:{A}:job/etl" },
            "glue:startJobRun: CDK job ARN (chosen) vs sls *"),
        [("GlueStartJobRun", "Sync")] = ("""{ "JobName": "etl" }""",
            new[] { $"glue:BatchStopJobRun,glue:GetJobRun,glue:GetJobRuns,glue:StartJobRun -> arn:{P}:glue:{R}:{A}:job/etl" },
            "glue:startJobRun.sync: StartJobRun, GetJobRun, GetJobRuns, BatchStopJobRun"),
        [("GlueStartCrawler", "RequestResponse")] = ("""{ "Name": "raw" }""",
            new[] { $"glue:StartCrawler -> arn:{P}:glue:{R}:{A}:crawler/raw" },
            "aws-sdk:<service>:<action> generic: <iamPrefix>:<Action>, scoped to the crawler"),
        [("GlueStartCrawler", "WaitForTaskToken")] = ("""{ "Name": "raw" }""",
            new[] { $"glue:StartCrawler -> arn:{P}:glue:{R}:{A}:crawler/raw" },
            "aws-sdk generic"),
        [("EmrCreateCluster", "RequestResponse")] = ("""{ "Name": "c", "ReleaseLabel": "emr-7.0.0", "ServiceRole": "EMR_DefaultRole", "JobFlowRole": "EMR_EC2_DefaultRole" }""",
            new[]
            {
                "elasticmapreduce:RunJobFlow -> *",
                $"iam:CreateServiceLinkedRole -> arn:{P}:iam::{A}:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup* if {{\"StringEquals\":{{\"iam:AWSServiceName\":[\"elasticmapreduce.amazonaws.com\",\"elasticmapreduce.amazonaws.com.cn\"]}}}}",
                $"iam:PassRole -> arn:{P}:iam::{A}:role/EMR_DefaultRole,arn:{P}:iam::{A}:role/EMR_EC2_DefaultRole",
            },
            "elasticmapreduce:createCluster: sls RunJobFlow for request-response; CDK PassRole + SLR"),
        [("EmrCreateCluster", "Sync")] = ("""{ "Name": "c", "ServiceRole": "EMR_DefaultRole", "JobFlowRole": "EMR_EC2_DefaultRole" }""",
            new[]
            {
                "elasticmapreduce:DescribeCluster,elasticmapreduce:RunJobFlow,elasticmapreduce:TerminateJobFlows -> *",
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventForEMRRunJobFlowRule",
                $"iam:CreateServiceLinkedRole -> arn:{P}:iam::{A}:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup* if {{\"StringEquals\":{{\"iam:AWSServiceName\":[\"elasticmapreduce.amazonaws.com\",\"elasticmapreduce.amazonaws.com.cn\"]}}}}",
                $"iam:PassRole -> arn:{P}:iam::{A}:role/EMR_DefaultRole,arn:{P}:iam::{A}:role/EMR_EC2_DefaultRole",
            },
            "elasticmapreduce:createCluster .sync: CDK incl. events rule (chosen) vs sls without"),
        [("EmrAddStep", "RequestResponse")] = ("""{ "ClusterId": "j-1ABC", "Step": { "Name": "s" } }""",
            new[] { $"elasticmapreduce:AddJobFlowSteps -> arn:{P}:elasticmapreduce:{R}:{A}:cluster/j-1ABC" },
            "elasticmapreduce:addStep (sls registry; CDK emr-add-step.ts)"),
        [("EmrAddStep", "Sync")] = ("""{ "ClusterId": "j-1ABC", "Step": { "Name": "s" } }""",
            new[]
            {
                $"elasticmapreduce:AddJobFlowSteps,elasticmapreduce:CancelSteps,elasticmapreduce:DescribeStep -> arn:{P}:elasticmapreduce:{R}:{A}:cluster/j-1ABC",
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventForEMRAddJobFlowStepsRule",
            },
            "elasticmapreduce:addStep.sync (CDK emr-add-step.ts)"),
        [("EmrTerminateCluster", "RequestResponse")] = ("""{ "ClusterId": "j-1ABC" }""",
            new[] { $"elasticmapreduce:TerminateJobFlows -> arn:{P}:elasticmapreduce:{R}:{A}:cluster/j-1ABC" },
            "elasticmapreduce:terminateCluster"),
        [("EmrTerminateCluster", "Sync")] = ("""{ "ClusterId": "j-1ABC" }""",
            new[]
            {
                $"elasticmapreduce:DescribeCluster,elasticmapreduce:TerminateJobFlows -> arn:{P}:elasticmapreduce:{R}:{A}:cluster/j-1ABC",
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventForEMRTerminateJobFlowsRule",
            },
            "elasticmapreduce:terminateCluster.sync (CDK emr-terminate-cluster.ts)"),
        [("SnsPublish", "RequestResponse")] = ("""{ "TopicArn": "${AlertTopicArn}", "Message.$": "$" }""",
            new[] { "sns:Publish -> ${AlertTopicArn}" },
            "sns:publish: topic ARN"),
        [("SnsPublish", "WaitForTaskToken")] = ("""{ "TopicArn": "arn:aws:sns:eu-central-1:123456789012:alerts", "Message": { "t.$": "$$.Task.Token" } }""",
            new[] { "sns:Publish -> arn:aws:sns:eu-central-1:123456789012:alerts" },
            "sns:publish (+.waitForTaskToken)"),
        [("SqsSendMessage", "RequestResponse")] = ("""{ "QueueUrl": "https://sqs.eu-central-1.amazonaws.com/123456789012/jobs", "MessageBody.$": "$" }""",
            new[] { $"sqs:SendMessage -> arn:{P}:sqs:eu-central-1:123456789012:jobs" },
            "sqs:sendMessage: sls sqsQueueUrlToArn"),
        [("SqsSendMessage", "WaitForTaskToken")] = ("""{ "QueueUrl": "https://sqs.eu-central-1.amazonaws.com/123456789012/jobs", "MessageBody": { "t.$": "$$.Task.Token" } }""",
            new[] { $"sqs:SendMessage -> arn:{P}:sqs:eu-central-1:123456789012:jobs" },
            "sqs:sendMessage (+.waitForTaskToken)"),
        [("DynamoDbGetItem", "RequestResponse")] = ("""{ "TableName": "runs", "Key": { "id": { "S": "1" } } }""",
            new[] { $"dynamodb:GetItem -> arn:{P}:dynamodb:{R}:{A}:table/runs" }, "dynamodb:getItem"),
        [("DynamoDbPutItem", "RequestResponse")] = ("""{ "TableName": "runs", "Item": { "id": { "S": "1" } } }""",
            new[] { $"dynamodb:PutItem -> arn:{P}:dynamodb:{R}:{A}:table/runs" }, "dynamodb:putItem"),
        [("DynamoDbUpdateItem", "RequestResponse")] = ("""{ "TableName": "runs", "Key": { "id": { "S": "1" } }, "UpdateExpression": "SET a = :a" }""",
            new[] { $"dynamodb:UpdateItem -> arn:{P}:dynamodb:{R}:{A}:table/runs" }, "dynamodb:updateItem"),
        [("DynamoDbDeleteItem", "RequestResponse")] = ("""{ "TableName": "runs", "Key": { "id": { "S": "1" } } }""",
            new[] { $"dynamodb:DeleteItem -> arn:{P}:dynamodb:{R}:{A}:table/runs" }, "dynamodb:deleteItem"),
        [("AthenaStartQueryExecution", "RequestResponse")] = ("""{ "QueryString": "select 1", "WorkGroup": "etl", "QueryExecutionContext": { "Database": "sales" }, "ResultConfiguration": { "OutputLocation": "s3://results/athena/" } }""",
            new[]
            {
                $"athena:GetDataCatalog,athena:GetQueryExecution,athena:StartQueryExecution -> arn:{P}:athena:{R}:{A}:datacatalog/AwsDataCatalog,arn:{P}:athena:{R}:{A}:workgroup/etl",
                $"{GlueAll19} -> arn:{P}:glue:{R}:{A}:catalog,arn:{P}:glue:{R}:{A}:database/sales,arn:{P}:glue:{R}:{A}:table/sales/*,arn:{P}:glue:{R}:{A}:userDefinedFunction/sales/*",
                "lakeformation:GetDataAccess -> *",
                $"s3:AbortMultipartUpload,s3:ListBucketMultipartUploads,s3:ListMultipartUploadParts,s3:PutObject -> arn:{P}:s3:::results/athena/*",
                "s3:CreateBucket,s3:GetBucketLocation,s3:GetObject,s3:ListBucket -> *",
            },
            "athena:startQueryExecution: CDK (5 statements)"),
        [("AthenaStartQueryExecution", "Sync")] = ("""{ "QueryString": "select 1" }""",
            new[]
            {
                $"athena:GetDataCatalog,athena:GetQueryExecution,athena:StartQueryExecution,athena:StopQueryExecution -> arn:{P}:athena:{R}:{A}:datacatalog/AwsDataCatalog,arn:{P}:athena:{R}:{A}:workgroup/primary",
                $"{GlueAll19} -> arn:{P}:glue:{R}:{A}:catalog,arn:{P}:glue:{R}:{A}:database/default,arn:{P}:glue:{R}:{A}:table/default/*,arn:{P}:glue:{R}:{A}:userDefinedFunction/default/*",
                "lakeformation:GetDataAccess -> *",
                "s3:AbortMultipartUpload,s3:ListBucketMultipartUploads,s3:ListMultipartUploadParts,s3:PutObject -> *",
                "s3:CreateBucket,s3:GetBucketLocation,s3:GetObject,s3:ListBucket -> *",
            },
            "athena .sync: CDK same policy + sls's stopQueryExecution"),
        [("BatchSubmitJob", "RequestResponse")] = ("""{ "JobName": "j", "JobQueue": "q", "JobDefinition": "d" }""",
            new[] { $"batch:SubmitJob -> arn:{P}:batch:{R}:{A}:job-definition/d:*,arn:{P}:batch:{R}:{A}:job-queue/q" },
            "batch:submitJob: CDK job-definition + queue; events only for .sync (choice)"),
        [("BatchSubmitJob", "Sync")] = ("""{ "JobName": "j", "JobQueue": "arn:aws:batch:eu-central-1:123456789012:job-queue/q", "JobDefinition": "d:4" }""",
            new[]
            {
                "batch:DescribeJobs,batch:TerminateJob -> *",
                $"batch:SubmitJob -> arn:{P}:batch:{R}:{A}:job-definition/d:4,arn:aws:batch:eu-central-1:123456789012:job-queue/q",
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForBatchJobsRule",
            },
            "batch:submitJob.sync: sls DescribeJobs/TerminateJob + events rule"),
        [("EcsRunTask", "RequestResponse")] = ("""{ "Cluster": "c", "TaskDefinition": "etl:3", "LaunchType": "FARGATE" }""",
            new[]
            {
                $"ecs:RunTask -> arn:{P}:ecs:{R}:{A}:task-definition/etl:*",
                "iam:PassRole -> * if {\"StringEquals\":{\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"}}",
            },
            "ecs:runTask: CDK family:*; PassRole conditioned (choice)"),
        [("EcsRunTask", "Sync")] = ("""{ "Cluster": "c", "TaskDefinition": "arn:aws:ecs:eu-central-1:123456789012:task-definition/etl:3" }""",
            new[]
            {
                "ecs:DescribeTasks,ecs:StopTask -> *",
                "ecs:RunTask -> arn:aws:ecs:eu-central-1:123456789012:task-definition/etl:*",
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForECSTaskRule",
                "iam:PassRole -> * if {\"StringEquals\":{\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"}}",
            },
            "ecs:runTask.sync: + StopTask, DescribeTasks, events rule"),
        [("EcsRunTask", "WaitForTaskToken")] = ("""{ "Cluster": "c", "TaskDefinition": "etl" }""",
            new[]
            {
                $"ecs:RunTask -> arn:{P}:ecs:{R}:{A}:task-definition/etl:*",
                "iam:PassRole -> * if {\"StringEquals\":{\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"}}",
            },
            "ecs:runTask.waitForTaskToken"),
        [("StartExecution", "RequestResponse")] = ("""{ "StateMachineArn": "arn:aws:states:eu-central-1:123456789012:stateMachine:child" }""",
            new[] { "states:StartExecution -> arn:aws:states:eu-central-1:123456789012:stateMachine:child" },
            "states:startExecution"),
        [("StartExecution", "Sync")] = ("""{ "StateMachineArn": "arn:aws:states:eu-central-1:123456789012:stateMachine:child" }""",
            new[]
            {
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule",
                "states:DescribeExecution,states:StopExecution -> arn:aws:states:eu-central-1:123456789012:execution:child:*",
                "states:StartExecution -> arn:aws:states:eu-central-1:123456789012:stateMachine:child",
            },
            "states:startExecution.sync / .sync:2"),
        [("StartExecution", "SyncV2")] = ("""{ "StateMachineArn": "${ChildArn}" }""",
            new[]
            {
                $"events:DescribeRule,events:PutRule,events:PutTargets -> arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule",
                $"states:DescribeExecution,states:StopExecution -> arn:{P}:states:{R}:{A}:execution:*",
                "states:StartExecution -> ${ChildArn}",
            },
            "states:startExecution.sync:2 with a placeholder ARN"),
        [("StartExecution", "WaitForTaskToken")] = ("""{ "StateMachineArn": "${ChildArn}", "Input": { "t.$": "$$.Task.Token" } }""",
            new[] { "states:StartExecution -> ${ChildArn}" },
            "states:startExecution.waitForTaskToken: no polling"),
        [("EventBridgePutEvents", "RequestResponse")] = ("""{ "Entries": [ { "Source": "etl", "DetailType": "done", "Detail": {}, "EventBusName": "etl-bus" }, { "Source": "etl", "DetailType": "x", "Detail": {} } ] }""",
            new[] { $"events:PutEvents -> arn:{P}:events:{R}:{A}:event-bus/default,arn:{P}:events:{R}:{A}:event-bus/etl-bus" },
            "events:putEvents: one bus per entry, default when absent"),
        [("EventBridgePutEvents", "WaitForTaskToken")] = ("""{ "Entries": [ { "Source": "etl", "DetailType": "done", "Detail": { "t.$": "$$.Task.Token" } } ] }""",
            new[] { $"events:PutEvents -> arn:{P}:events:{R}:{A}:event-bus/default" },
            "events:putEvents (+.waitForTaskToken)"),
        [("HttpInvoke", "RequestResponse")] = ("""{ "ApiEndpoint": "https://api.example.com/v1", "Method": "POST", "Authentication": { "ConnectionArn": "arn:aws:events:eu-central-1:123456789012:connection/api/0f1e" } }""",
            new[]
            {
                "events:RetrieveConnectionCredentials -> arn:aws:events:eu-central-1:123456789012:connection/api/0f1e",
                $"secretsmanager:DescribeSecret,secretsmanager:GetSecretValue -> arn:{P}:secretsmanager:{R}:{A}:secret:events!connection/api/*",
                "states:InvokeHTTPEndpoint -> * if {\"StringLike\":{\"states:HTTPEndpoint\":\"https://api.example.com/v1*\"}}",
            },
            "http:invoke: CDK (endpoint condition) over sls"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in Table.Keys) data.Add(key.Integration, key.Pattern);
        return data;
    }

    [Fact]
    public void EveryTypedIntegrationAndPattern_HasARowInTheTable()
    {
        var missing = new List<string>();
        foreach (var info in IntegrationCatalog.All)
            foreach (var pattern in info.Patterns)
                if (!Table.ContainsKey((info.AttributeName, pattern))) missing.Add(info.AttributeName + "/" + pattern);
        Assert.True(missing.Count == 0, "no expected IAM row for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TypedIntegration_DerivesTheTableRow(string integration, string pattern)
    {
        var info = IntegrationCatalog.FindByAttribute(integration)!;
        var (parameters, expected, row) = Table[(integration, pattern)];
        var result = IamDerivation.Analyze(Machine(Arn + info.ResourceBase + IntegrationCatalog.Suffix(pattern), parameters));
        Assert.True(expected.SequenceEqual(result.Statements.Select(Format)),
            $"row '{row}'\nexpected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", result.Statements.Select(Format))}");
        Assert.Empty(result.Findings);
    }

    // ---- widening, findings and their locations ----

    [Fact]
    public void PathResource_WidensToStar_WithAFindingOnTheKey()
    {
        var json = """{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": { "TopicArn.$": "$.topic", "Message": "m" }, "End": true } } }""";
        var result = IamDerivation.Analyze(AslReader.Read(json, "m").Spec!, new IamOptions { JsonLocations = JsonLocations.ForText("m.asl.json", json) });
        Assert.Equal(new[] { "sns:Publish -> *" }, result.Statements.Select(Format));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(DiagnosticIds.IamResourceWidened, finding.Id);
        Assert.Equal("\"TopicArn.$\"", json.Substring(finding.Location.Start, finding.Location.Length));
        Assert.Contains("TopicArn of Task 'T' is given at run time (TopicArn.$)", finding.MessageArgs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void JsonataResource_WidensToStar()
    {
        var json = """{ "QueryLanguage": "JSONata", "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "FunctionName": "{% $states.input.fn %}" }, "End": true } } }""";
        var result = IamDerivation.Analyze(AslReader.Read(json, "m").Spec!);
        Assert.Equal(new[] { "lambda:InvokeFunction -> *" }, result.Statements.Select(Format));
        Assert.Equal(DiagnosticIds.IamResourceWidened, Assert.Single(result.Findings).Id);
    }

    [Fact]
    public void TypedPathProperty_FindingUsesTheArgumentLocation()
    {
        var at = new SourceRef("Etl.cs", 120, 17, 5, 40, 5, 57);
        var state = new StateSpec
        {
            Name = "Load",
            Type = "Task",
            Resource = Arn + "glue:startJobRun.sync",
            Parameters = Flowstate.Core.Json.JsonReader.Parse("""{ "JobName.$": "$.job" }""").Value,
            FieldLocations = EquatableArray.Create(new FieldLocation("Parameters.JobName.$", at)),
        };
        var machine = new StateMachineSpec { Name = "m", Root = new ScopeSpec { StartAt = "Load", States = EquatableArray.Create(state) } };
        var result = IamDerivation.Analyze(machine);
        Assert.Equal(at, Assert.Single(result.Findings).Location);
        Assert.Equal(new[] { "glue:BatchStopJobRun,glue:GetJobRun,glue:GetJobRuns,glue:StartJobRun -> *" }, result.Statements.Select(Format));
    }

    // ---- aws-sdk tasks ----

    [Theory]
    [InlineData("s3:copyObject", """{ "Bucket": "out", "Key": "a.csv", "CopySource": "in/a.csv" }""", $"s3:GetObject,s3:PutObject -> arn:{P}:s3:::in/a.csv,arn:{P}:s3:::out/a.csv")]
    [InlineData("s3:getObject", """{ "Bucket": "raw", "Key": "manifest.json" }""", $"s3:GetObject -> arn:{P}:s3:::raw/manifest.json")]
    [InlineData("s3:listObjectsV2", """{ "Bucket": "raw" }""", $"s3:ListBucket -> arn:{P}:s3:::raw")]
    [InlineData("s3:listBuckets", """{}""", "s3:ListAllMyBuckets -> *")]
    [InlineData("dynamodb:query", """{ "TableName": "runs", "IndexName": "byDate" }""", $"dynamodb:Query -> arn:{P}:dynamodb:{R}:{A}:table/runs,arn:{P}:dynamodb:{R}:{A}:table/runs/index/byDate")]
    [InlineData("dynamodb:batchWriteItem", """{ "RequestItems": { "a": [], "b": [] } }""", $"dynamodb:BatchWriteItem -> arn:{P}:dynamodb:{R}:{A}:table/a,arn:{P}:dynamodb:{R}:{A}:table/b")]
    [InlineData("sfn:startExecution", """{ "StateMachineArn": "${ChildArn}" }""", "states:StartExecution -> ${ChildArn}")]
    [InlineData("sfn:startSyncExecution", """{ "StateMachineArn": "${ChildArn}" }""", "states:StartSyncExecution -> ${ChildArn}")]
    [InlineData("cloudwatchlogs:putLogEvents", """{ "LogGroupName": "g" }""", "logs:PutLogEvents -> *")]
    [InlineData("mwaa:createCliToken", """{ "Name": "env" }""", "airflow:CreateCliToken -> *")]
    [InlineData("eventbridge:putTargets", """{ "Rule": "r", "Targets": [] }""", $"events:PutTargets -> arn:{P}:events:{R}:{A}:rule/r")]
    [InlineData("scheduler:createSchedule", """{ "Name": "n", "ScheduleExpression": "rate(1 day)" }""", $"scheduler:CreateSchedule -> arn:{P}:scheduler:{R}:{A}:schedule/default/*")]
    [InlineData("sesv2:sendEmail", """{ "Content": {} }""", "ses:SendEmail -> *")]
    public void SdkTask_MapsServiceAndAction(string serviceAction, string parameters, string expected)
    {
        var result = IamDerivation.Analyze(Machine(Arn + "aws-sdk:" + serviceAction, parameters));
        Assert.Contains(expected, result.Statements.Select(Format));
        Assert.DoesNotContain(result.Findings, f => f.Id == DiagnosticIds.IamActionGuessed);
    }

    [Fact]
    public void RedshiftData_OnAServerlessWorkgroup_AlsoNeedsGetCredentials()
    {
        var statements = Derive(Arn + "aws-sdk:redshiftdata:executeStatement", """{ "WorkgroupName": "etl", "Database": "dev", "Sql": "select 1" }""");
        Assert.Equal(new[]
        {
            $"redshift-data:ExecuteStatement -> arn:{P}:redshift-serverless:{R}:{A}:workgroup/*",
            $"redshift-serverless:GetCredentials -> arn:{P}:redshift-serverless:{R}:{A}:workgroup/*",
        }, statements);
        var cluster = Derive(Arn + "aws-sdk:redshiftdata:executeStatement", """{ "ClusterIdentifier": "dw", "Database": "dev", "DbUser": "etl", "Sql": "select 1" }""");
        Assert.Equal(new[]
        {
            $"redshift-data:ExecuteStatement -> arn:{P}:redshift:{R}:{A}:cluster:dw",
            $"redshift:GetClusterCredentials -> arn:{P}:redshift:{R}:{A}:dbname:dw/dev,arn:{P}:redshift:{R}:{A}:dbuser:dw/etl",
        }, cluster);
    }

    [Fact]
    public void UnknownSdkService_IsGuessed_WithAFinding_AndTheOverrideReplacesIt()
    {
        var machine = Machine(Arn + "aws-sdk:mediaconvert:createJob", """{ "Role": "r" }""");
        var guessed = IamDerivation.Analyze(machine);
        Assert.Equal(new[] { "mediaconvert:CreateJob -> *" }, guessed.Statements.Select(Format));
        Assert.Equal(DiagnosticIds.IamActionGuessed, Assert.Single(guessed.Findings).Id);
        var overridden = IamDerivation.Analyze(machine, new IamOptions
        {
            SdkActionOverrides = new Dictionary<string, IReadOnlyList<string>> { ["mediaconvert:createJob"] = new[] { "mediaconvert:CreateJob", "iam:PassRole" } },
        });
        Assert.Equal(new[] { "iam:PassRole,mediaconvert:CreateJob -> *" }, overridden.Statements.Select(Format));
        Assert.Empty(overridden.Findings);
    }

    // ---- other Task forms ----

    [Fact]
    public void PlaceholderResource_DerivesNothing_AndWarns_ActivityNeedsNothing_LambdaArnIsInvoked()
    {
        var placeholder = IamDerivation.Analyze(Machine("${WorkerArn}", "{}"));
        Assert.Empty(placeholder.Statements);
        Assert.Equal(DiagnosticIds.IamNotDerived, Assert.Single(placeholder.Findings).Id);
        var activity = IamDerivation.Analyze(Machine("arn:aws:states:eu-central-1:123456789012:activity:review", "{}"));
        Assert.Empty(activity.Statements);
        Assert.Empty(activity.Findings);
        Assert.Equal(new[] { "lambda:InvokeFunction -> arn:aws:lambda:eu-central-1:123456789012:function:f" },
            Derive("arn:aws:lambda:eu-central-1:123456789012:function:f", "{}"));
        Assert.Equal(DiagnosticIds.IamNotDerived, Assert.Single(IamDerivation.Analyze(Machine(Arn + "mediaconvert:createJob.sync", "{}")).Findings).Id);
    }

    [Fact]
    public void OtherPartitions_AreRecognised()
        => Assert.Equal(new[] { $"glue:StartJobRun -> arn:{P}:glue:{R}:{A}:job/etl" }, Derive("arn:aws-cn:states:::glue:startJobRun", """{ "JobName": "etl" }"""));

    [Fact]
    public void NestedTasks_AndADistributedMap_AreIncluded_MergedAndSorted()
    {
        var json = """
        { "StartAt": "P", "States": {
            "P": { "Type": "Parallel", "Branches": [
                { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Parameters": { "TableName": "b" }, "End": true } } },
                { "StartAt": "B", "States": { "B": { "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Parameters": { "TableName": "a" }, "End": true } } } ],
              "Next": "M" },
            "M": { "Type": "Map", "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV" }, "Parameters": { "Bucket": "raw", "Key": "list.csv" } },
              "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "C",
                "States": { "C": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": { "TopicArn": "${T}", "Message": "m" }, "End": true } } },
              "End": true } } }
        """;
        var statements = IamDerivation.Analyze(AslReader.Read(json, "etl").Spec!, new IamOptions { MachineName = "etl-prod" }).Statements.Select(Format).ToArray();
        Assert.Equal(new[]
        {
            $"dynamodb:GetItem -> arn:{P}:dynamodb:{R}:{A}:table/a,arn:{P}:dynamodb:{R}:{A}:table/b",
            $"s3:GetObject -> arn:{P}:s3:::raw/list.csv",
            "sns:Publish -> ${T}",
            $"states:DescribeExecution,states:StopExecution -> arn:{P}:states:{R}:{A}:execution:etl-prod/*",
            $"states:StartExecution -> arn:{P}:states:{R}:{A}:stateMachine:etl-prod",
        }, statements);
        // Same input, same bytes.
        Assert.Equal(statements, IamDerivation.Analyze(AslReader.Read(json, "etl").Spec!, new IamOptions { MachineName = "etl-prod" }).Statements.Select(Format).ToArray());
    }

    [Fact]
    public void Derive_NeverThrows_OnTheImportedCorpus()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "TestData", "corpus");
        var files = Directory.GetFiles(corpus, "*.json", SearchOption.AllDirectories);
        Assert.True(files.Length > 100, corpus);
        var actions = 0;
        foreach (var file in files)
        {
            var spec = AslReader.Read(File.ReadAllText(file), Path.GetFileNameWithoutExtension(file)).Spec;
            if (spec is null) continue;
            var result = IamDerivation.Analyze(spec);
            actions += result.Statements.Sum(s => s.Actions.Count);
            foreach (var s in result.Statements)
            {
                Assert.NotEmpty(s.Actions);
                Assert.NotEmpty(s.Resources);
            }
        }
        Assert.True(actions > 100);
    }

    // ---- every action is a real IAM action ----

    /// <summary>
    /// Every action the derivation can produce (all table rows above, the SDK cases, the exception table,
    /// logging and tracing) is in the IAM action list of cfn-lint 1.51.0 (cfnlint/data/AdditionalSpecs/
    /// Policies.json, the list its rule W3037 checks templates with); the corpus's derived actions too,
    /// except guessed ones (FLOW7121).
    /// </summary>
    [Fact]
    public void EveryDerivedAction_IsARealIamAction()
    {
        var known = IamActionsFromCfnLint();
        var produced = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ((integration, pattern), (parameters, _, _)) in Table)
        {
            var info = IntegrationCatalog.FindByAttribute(integration)!;
            foreach (var s in IamDerivation.Analyze(Machine(Arn + info.ResourceBase + IntegrationCatalog.Suffix(pattern), parameters)).Statements)
                foreach (var a in s.Actions) produced.Add(a);
        }
        foreach (var a in IamDerivation.LoggingActions.Concat(IamDerivation.TracingActions).Concat(IamDerivation.SdkActionExceptions.Values.SelectMany(v => v))) produced.Add(a);
        foreach (var a in new[] { "redshift-serverless:GetCredentials", "redshift:GetClusterCredentials", "airflow:CreateCliToken", "logs:PutLogEvents", "scheduler:CreateSchedule", "ses:SendEmail", "states:StartSyncExecution", "codebuild:StartBuild", "codebuild:StopBuild", "codebuild:BatchGetBuilds", "sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob", "sagemaker:ListTags", "bedrock:InvokeModel", "elasticmapreduce:AddTags", "elasticmapreduce:CancelSteps", "elasticmapreduce:SetTerminationProtection", "athena:GetQueryResults", "emr-serverless:StartJobRun" })
            produced.Add(a);
        var corpus = Path.Combine(AppContext.BaseDirectory, "TestData", "corpus");
        foreach (var file in Directory.GetFiles(corpus, "*.json", SearchOption.AllDirectories))
        {
            if (AslReader.Read(File.ReadAllText(file), "m").Spec is not { } spec) continue;
            var result = IamDerivation.Analyze(spec);
            if (result.Findings.Any(f => f.Id == DiagnosticIds.IamActionGuessed)) continue;
            foreach (var s in result.Statements)
                foreach (var a in s.Actions) produced.Add(a);
        }
        var unknown = produced.Where(a => !known.Contains(a.ToLowerInvariant())).ToList();
        Assert.True(unknown.Count == 0, "not IAM actions according to cfn-lint's Policies.json: " + string.Join(", ", unknown));
        Assert.True(produced.Count > 80, produced.Count.ToString());
    }

    /// <summary>Every IAM prefix of the SDK service map is a service prefix IAM knows.</summary>
    [Fact]
    public void EverySdkServicePrefix_IsAnIamServicePrefix()
    {
        var prefixes = IamActionsFromCfnLint().Select(a => a.Substring(0, a.IndexOf(':'))).ToHashSet(StringComparer.Ordinal);
        var missing = IamDerivation.SdkServiceIamPrefixes.Values.Distinct().Where(p => !prefixes.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "unknown IAM prefixes: " + string.Join(", ", missing));
    }

    /// <summary>The SDK actions of the exception table exist as operations of the service (botocore's service models).</summary>
    [Fact]
    public void EverySdkActionOfTheExceptionTable_IsAnSdkOperation()
    {
        var botocoreNames = new Dictionary<string, string> { ["s3"] = "s3", ["lambda"] = "lambda", ["dynamodb"] = "dynamodb", ["sfn"] = "stepfunctions" };
        var services = IamDerivation.SdkActionExceptions.Keys.Select(k => k.Split(':')[0]).Distinct().ToList();
        Assert.All(services, s => Assert.True(botocoreNames.ContainsKey(s), "add the botocore name of " + s));
        var operations = Python(
            "import json, botocore.session\ns = botocore.session.get_session()\n" +
            "print(json.dumps({n: list(s.get_service_model(n).operation_names) for n in " + JsonSerializer.Serialize(botocoreNames.Values.Distinct().ToArray()) + "}))",
            "botocore (pip install boto3)");
        var ops = JsonSerializer.Deserialize<Dictionary<string, string[]>>(operations)!;
        var missing = IamDerivation.SdkActionExceptions.Keys
            .Where(k => !ops[botocoreNames[k.Split(':')[0]]].Contains(IamDerivation.IamActionName(k.Split(':')[1]), StringComparer.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "not SDK operations: " + string.Join(", ", missing));
    }

    private static HashSet<string>? s_iamActions;

    private static HashSet<string> IamActionsFromCfnLint()
    {
        if (s_iamActions is not null) return s_iamActions;
        var output = Python(
            "import json, os, cfnlint\n" +
            "p = os.path.join(os.path.dirname(cfnlint.__file__), 'data', 'AdditionalSpecs', 'Policies.json')\n" +
            "d = json.load(open(p))\n" +
            "print(json.dumps(sorted(k + ':' + a for k, v in d.items() for a in v.get('Actions', {}))))",
            "cfn-lint 1.51.0 (pip install cfn-lint==1.51.0)");
        return s_iamActions = JsonSerializer.Deserialize<string[]>(output)!.ToHashSet(StringComparer.Ordinal);
    }

    private static string Python(string script, string needs)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"python3 is needed to read {needs}: {e.Message}; install Python 3 and {needs}");
            throw;
        }
        Assert.NotNull(process);
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"python3 could not read {needs}; install it. {stderr}");
            return stdout.Result;
        }
    }
}
