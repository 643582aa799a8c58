namespace Flowstate.Generator.Tests.Generator;

/// <summary>One C# source per construct; their generated files are the golden baselines.</summary>
internal static class GoldenScenarios
{
    public static readonly IReadOnlyDictionary<string, string> All = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["DailyEtl"] = """"
            using Flowstate;

            namespace Samples;

            [StateMachine("daily-etl", Comment = "Nightly ETL", TimeoutSeconds = 3600)]
            public partial class DailyEtl
            {
                [LambdaInvoke("${ExtractFunctionArn}", PayloadPath = "$", ResultPath = "$.extract", Next = typeof(Transform))]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, IntervalSeconds = 2, MaxAttempts = 6, BackoffRate = 2)]
                [Catch(typeof(NotifyFailure), StatesErrors.All, ResultPath = "$.error")]
                public class Extract;

                [GlueStartJobRun("transform", Integration = IntegrationPattern.Sync, Next = typeof(Done),
                    JobArguments = """{ "--input_path.$": "$.extract.Payload.path" }""")]
                public class Transform;

                [Succeed] public class Done;
                [SnsPublish("${AlertTopicArn}", MessagePath = "$.error", Next = typeof(Failed))] public class NotifyFailure;
                [Fail(Error = "EtlFailed")] public class Failed;
            }
            """",

        ["AllStateTypes"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("all-state-types", Comment = "One of each state type", Version = "1.0")]
            public partial class AllStateTypes
            {
                [Pass(Comment = "Inject a constant", Result = """{ "count": 3, "ratio": 2.50, "tags": ["a", "b"] }""", ResultPath = "$.config", Next = typeof(Prepare))]
                public class Start;

                [Pass(Parameters = """{ "id.$": "$.orderId", "fixed": true }""", InputPath = "$.input", OutputPath = "$.out", Next = typeof(Pause))]
                public class Prepare;

                [Wait(Seconds = 10, Next = typeof(PauseUntil))] public class Pause;
                [Wait(Timestamp = "2026-03-14T01:59:00Z", Next = typeof(PauseByPath))] public class PauseUntil;
                [Wait(SecondsPath = "$.delay", Next = typeof(Work))] public class PauseByPath;

                [Task("arn:aws:lambda:us-east-1:123456789012:function:work", TimeoutSeconds = 60, HeartbeatSeconds = 20,
                    ResultSelector = """{ "value.$": "$.Payload" }""", ResultPath = null, Next = typeof(Decide))]
                public class Work;

                [Choice(Default = typeof(Broken))]
                [When("$.status == 'OK'", Next = typeof(FanOut))]
                [When("$.status == 'ERROR'", Next = typeof(BrokenByPath))]
                public class Decide;

                [Parallel(Next = typeof(EachItem))]
                public class FanOut
                {
                    [Branch] public class Left { [Pass(End = true)] public class LeftStep; }
                    [Branch] public class Right { [Wait(SecondsPath = "$.wait", End = true)] public class RightStep; }
                }

                [Map(ItemsPath = "$.items", Next = typeof(Finished))]
                public class EachItem
                {
                    [Pass(End = true)] public class Handle;
                }

                [Succeed(Comment = "All good")] public class Finished;
                [Fail("Broken", "Status was not OK")] public class Broken;
                [Fail(ErrorPath = "$.error.name", CausePath = "$.error.detail")] public class BrokenByPath;
            }
            """",

        ["RetryCatch"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("retry-catch")]
            public partial class RetryCatch
            {
                [Task("arn:aws:states:::lambda:invoke", Parameters = "{\"FunctionName\": \"charge\"}", Next = typeof(Done))]
                [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException,
                    IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = JitterStrategy.Full, MaxDelaySeconds = 10, Comment = "transient")]
                [Retry("Payment.Declined", MaxAttempts = 0)]
                [Retry(StatesErrors.Timeout, IntervalSeconds = 5, BackoffRate = 1.5, JitterStrategy = JitterStrategy.None)]
                [Catch(typeof(Refund), "Payment.Declined", ResultPath = "$.declined", Comment = "declined")]
                [Catch(typeof(Alert), StatesErrors.Timeout, StatesErrors.TaskFailed)]
                [Catch(StatesErrors.All, NextName = "Alert", ResultPath = null)]
                public class Charge;

                [Pass(Next = typeof(Done))] public class Refund;
                [Pass(Next = typeof(Done))] public class Alert;
                [Succeed] public class Done;
            }
            """,

        ["ChoiceConditions"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("choice-conditions")]
            public partial class ChoiceConditions
            {
                [Choice(Default = typeof(Other), Comment = "Route by order")]
                [When("$.status == 'OK'", Next = typeof(A), Comment = "string")]
                [When("$.total > 100", Next = typeof(B))]
                [When("$.ratio <= 2.5", Next = typeof(B))]
                [When("$.express == true", Next = typeof(A))]
                [When("$.placed < timestamp('2026-01-01T00:00:00Z')", Next = typeof(A))]
                [When("$.total >= number($.limit)", Next = typeof(B))]
                [When("$.file matches '*.csv'", Next = typeof(A))]
                [When("isPresent($.coupon) && !isNull($.coupon)", Next = typeof(B))]
                [When("isPresent($.discount) == false || $.discount == 0", Next = typeof(A))]
                [When("isString($.a) && isNumeric($.b) && isBoolean($.c) && isTimestamp($.d)", Next = typeof(B))]
                [When("$.customer.tier == 'gold' && ($.total > 1000 || $.items[0].price > 500)", Next = typeof(A), Comment = "long rule")]
                public class Route;

                [Succeed] public class A;
                [Succeed] public class B;
                [Fail(Error = "Unrouted")] public class Other;
            }
            """,

        ["ParallelBranches"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("parallel-branches")]
            public partial class ParallelBranches
            {
                [Parallel(ResultPath = "$.results", ResultSelector = "{\"left.$\": \"$[0]\", \"right.$\": \"$[1]\"}", Next = typeof(Join), Comment = "fan out")]
                [Retry(StatesErrors.BranchFailed, MaxAttempts = 1)]
                [Catch(typeof(Recover), StatesErrors.All)]
                public class FanOut
                {
                    [Branch(Comment = "Enrich the order")]
                    public class Enrich
                    {
                        [LambdaInvoke("enrich", Next = typeof(Score))] public class Lookup;
                        [Pass(End = true)] public class Score;
                    }

                    [Branch, StartAt(typeof(Second))]
                    public class Audit
                    {
                        [Pass(End = true)] public class First;
                        [Parallel(Next = typeof(First))]
                        public class Second
                        {
                            [Branch] public class Inner { [Succeed] public class InnerDone; }
                        }
                    }
                }

                [Pass(End = true)] public class Join;
                [Fail(Error = "BranchFailed")] public class Recover;
            }
            """,

        ["InlineMap"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("inline-map")]
            public partial class InlineMap
            {
                [Map(ItemsPath = "$.orders", ItemSelector = "{\"order.$\": \"$$.Map.Item.Value\", \"index.$\": \"$$.Map.Item.Index\"}",
                    MaxConcurrency = 5, Mode = ProcessorMode.Inline, ResultPath = "$.processed", End = true)]
                [Catch(typeof(Skipped), StatesErrors.All)]
                public class EachOrder
                {
                    [Choice(Default = typeof(Skip))]
                    [When("$.order.valid == true", Next = typeof(Process))]
                    public class Check;

                    [LambdaInvoke("process-order", Payload = "{\"order.$\": \"$.order\"}", End = true)] public class Process;
                    [Pass(End = true)] public class Skip;
                }

                [Pass(End = true)] public class Skipped;
            }
            """,

        ["DistributedMap"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("distributed-map", Type = WorkflowType.Standard)]
            public partial class DistributedMap
            {
                [Map(Mode = ProcessorMode.Distributed, ExecutionType = WorkflowType.Express, Label = "CsvRows",
                    MaxConcurrency = 1000, ToleratedFailureCount = 10, ToleratedFailurePercentage = 2.5,
                    ItemReader = """
                        {
                          "Resource": "arn:aws:states:::s3:getObject",
                          "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW" },
                          "Parameters": { "Bucket.$": "$.bucket", "Key.$": "$.key" }
                        }
                        """,
                    ItemBatcher = """{ "MaxItemsPerBatch": 100, "BatchInput": { "source.$": "$.key" } }""",
                    ResultWriter = """{ "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "${ResultsBucket}", "Prefix": "runs" } }""",
                    Next = typeof(Summarize))]
                public class ProcessRows
                {
                    [LambdaInvoke("${RowFunction}", PayloadPath = "$", End = true)]
                    [Retry(LambdaErrors.TooManyRequestsException, IntervalSeconds = 2, MaxAttempts = 5, BackoffRate = 2)]
                    public class HandleBatch;
                }

                [Map(ItemsPath = "$.files", ToleratedFailureCountPath = "$.maxFailures", ToleratedFailurePercentagePath = "$.maxPercent",
                    MaxConcurrencyPath = "$.concurrency", Mode = ProcessorMode.Distributed, ExecutionType = WorkflowType.Standard, End = true)]
                public class Summarize
                {
                    [Pass(End = true)] public class Noop;
                }
            }
            """",

        ["LegacyIterator"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("legacy-iterator")]
            public partial class LegacyIterator
            {
                [Map(UseIterator = true, ItemsPath = "$.items", Parameters = "{\"item.$\": \"$$.Map.Item.Value\", \"batch.$\": \"$.batchId\"}", MaxConcurrency = 0, End = true)]
                public class Each
                {
                    [Task("arn:aws:lambda:us-east-1:123456789012:function:each", Next = typeof(Done))] public class Work;
                    [Succeed] public class Done;
                }
            }
            """,

        ["Jsonata"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("jsonata-orders", QueryLanguage = QueryLanguage.Jsonata, Type = WorkflowType.Express)]
            public partial class JsonataOrders
            {
                [Pass(Assign = """{ "orderId": "{% $states.input.id %}", "startedAt": "{% $now() %}" }""", Output = "{% $states.input.order %}", Next = typeof(Price))]
                public class Begin;

                [LambdaInvoke("price", Payload = """{ "order": "{% $states.input %}", "currency": "EUR" }""",
                    Arguments = """{ "InvocationType": "RequestResponse" }""", Output = "{% $states.result.Payload %}", Next = typeof(Route))]
                [Catch(typeof(Failed), StatesErrors.All, Output = "{% $states.errorOutput %}", Assign = """{ "failed": true }""")]
                public class Price;

                [Choice(Default = typeof(Small), Output = "{% $states.input %}")]
                [When("{% $states.input.total > 100 %}", Next = typeof(Large), Assign = """{ "large": true }""", Output = "{% $states.input %}")]
                public class Route;

                [Map(Items = "{% $states.input.lines %}", ItemSelector = """{ "line": "{% $states.context.Map.Item.Value %}" }""", Next = typeof(Done))]
                public class Large
                {
                    [Pass(Output = """{ "sku": "{% $states.input.line.sku %}" }""", End = true)] public class Line;
                }

                [Task("arn:aws:states:::lambda:invoke", QueryLanguage = QueryLanguage.JsonPath, Parameters = """{ "FunctionName": "small", "Payload.$": "$" }""", ResultPath = "$.small", Next = typeof(Done))]
                public class Small;

                [Succeed(Output = "{% $orderId %}")] public class Done;
                [Fail(Error = "PricingFailed")] public class Failed;
            }
            """",

        ["TypedIntegrations"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("typed-integrations")]
            public partial class TypedIntegrations
            {
                [LambdaInvoke(FunctionNamePath = "$.fn", Payload = """{ "x": 1 }""", Qualifier = "live", InvocationType = "Event", Integration = IntegrationPattern.WaitForTaskToken, Next = typeof(Glue))]
                public class Lambda;

                [GlueStartJobRun(JobNamePath = "$.job", JobArguments = """{ "--day.$": "$.day" }""", WorkerType = "G.1X", NumberOfWorkers = 10, Integration = IntegrationPattern.Sync, Next = typeof(Crawler))]
                public class Glue;

                [GlueStartCrawler("crawler", Integration = IntegrationPattern.RequestResponse, Next = typeof(CreateCluster))]
                public class Crawler;

                [EmrCreateCluster(ClusterName = "etl", ReleaseLabel = "emr-7.1.0", Applications = """[{ "Name": "Spark" }]""",
                    Instances = """{ "InstanceFleets": [{ "InstanceFleetType": "MASTER", "TargetSpotCapacity": 1 }] }""",
                    ServiceRole = "EMR_DefaultRole", JobFlowRole = "EMR_EC2_DefaultRole", LogUri = "s3://logs/", VisibleToAllUsers = true,
                    Integration = IntegrationPattern.Sync, ResultPath = "$.cluster", Next = typeof(AddStep))]
                public class CreateCluster;

                [EmrAddStep(ClusterIdPath = "$.cluster.ClusterId", Step = """{ "Name": "run", "ActionOnFailure": "CONTINUE" }""", Integration = IntegrationPattern.Sync, Next = typeof(Terminate))]
                public class AddStep;

                [EmrTerminateCluster(ClusterIdPath = "$.cluster.ClusterId", Integration = IntegrationPattern.Sync, Next = typeof(Notify))]
                public class Terminate;

                [SnsPublish("${TopicArn}", Message = "\"done\"", Subject = "ETL", MessageAttributes = """{ "kind": { "DataType": "String", "StringValue": "etl" } }""", Next = typeof(Enqueue))]
                public class Notify;

                [SqsSendMessage("${QueueUrl}", MessageBodyPath = "$", MessageGroupId = "g1", Next = typeof(Read))]
                public class Enqueue;

                [DynamoDbGetItem(TableName = "orders", Key = """{ "id": { "S.$": "$.id" } }""", ProjectionExpression = "id, total", ConsistentRead = true, ResultPath = "$.item", Next = typeof(Write))]
                public class Read;

                [DynamoDbPutItem(TableNamePath = "$.table", Item = """{ "id": { "S.$": "$.id" } }""", ConditionExpression = "attribute_not_exists(id)", Next = typeof(Update))]
                public class Write;

                [DynamoDbUpdateItem(TableName = "orders", Key = """{ "id": { "S.$": "$.id" } }""", UpdateExpression = "SET #s = :s",
                    ExpressionAttributeNames = """{ "#s": "status" }""", ExpressionAttributeValues = """{ ":s": { "S": "done" } }""", ReturnValues = "ALL_NEW", Next = typeof(Delete))]
                public class Update;

                [DynamoDbDeleteItem(TableName = "orders", Key = """{ "id": { "S.$": "$.id" } }""", Next = typeof(Query))]
                public class Delete;

                [AthenaStartQueryExecution(QueryString = "SELECT 1", WorkGroup = "primary", QueryExecutionContext = """{ "Database": "db" }""",
                    ResultConfiguration = """{ "OutputLocation": "s3://out/" }""", Integration = IntegrationPattern.Sync, Next = typeof(Batch))]
                public class Query;

                [BatchSubmitJob(JobName = "job", JobQueue = "queue", JobDefinition = "def", JobParameters = """{ "day.$": "$.day" }""",
                    ContainerOverrides = """{ "Vcpus": 2 }""", Integration = IntegrationPattern.Sync, Next = typeof(Ecs))]
                public class Batch;

                [EcsRunTask(Cluster = "cluster", TaskDefinition = "task:1", LaunchType = "FARGATE",
                    NetworkConfiguration = """{ "AwsvpcConfiguration": { "Subnets": ["subnet-1"] } }""",
                    Overrides = """{ "ContainerOverrides": [{ "Name": "app", "Environment": [{ "Name": "TOKEN", "Value.$": "$$.Task.Token" }] }] }""",
                    Integration = IntegrationPattern.WaitForTaskToken, Next = typeof(Child))]
                public class Ecs;

                [StartExecution(StateMachineArn = "${ChildArn}", ExecutionInput = """{ "parent.$": "$$.Execution.Id" }""", ExecutionNamePath = "$.name", Integration = IntegrationPattern.SyncV2, Next = typeof(Events))]
                public class Child;

                [EventBridgePutEvents(Entries = """[{ "Source": "etl", "DetailType": "done", "Detail": { "ok": true } }]""", Next = typeof(Http))]
                public class Events;

                [HttpInvoke(ApiEndpoint = "https://api.example.com/hook", Method = "POST", Authentication = """{ "ConnectionArn": "${ConnectionArn}" }""",
                    Headers = """{ "Content-Type": "application/json" }""", QueryParameters = """{ "v": "1" }""", RequestBody = """{ "done": true }""", End = true)]
                public class Http;
            }
            """",

        ["AwsSdkActivity"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("aws-sdk-activity")]
            public partial class AwsSdkActivity
            {
                [AwsSdk("s3", "putObject", Parameters = """{ "Bucket": "b", "Key.$": "$.key", "Body.$": "$.body" }""", ResultSelector = """{ "etag.$": "$.ETag" }""", Next = typeof(Approve))]
                public class Upload;

                [Activity("arn:aws:states:us-east-1:123456789012:activity:approve", HeartbeatSeconds = 300, TimeoutSeconds = 86400, Next = typeof(Tag))]
                public class Approve;

                [AwsSdk("sqs", "sendMessage", Integration = IntegrationPattern.WaitForTaskToken,
                    Parameters = """{ "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } }""", Credentials = """{ "RoleArn": "arn:aws:iam::123456789012:role/cross" }""", End = true)]
                public class Tag;
            }
            """",

        ["EscapeHatches"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("escape-hatches"), AslField("X-Owner", "\"team-data\""), RawState("Trailing", """{ "Type": "Pass", "Result": { "from": "asl" }, "End": true }"""), RawState("NotAnObject", "[1, 2]")]
            public partial class EscapeHatches
            {
                [Pass(NextName = "Imported"), AslField("X-Trace", "true"), AslField("X-Expr", "{% $states.input %}")]
                public class Begin;

                [RawState("Imported", """{ "Type": "Pass", "Result": 1, "Next": "Fanned" }""")]
                public class ImportedPlaceholder;

                [Parallel(Name = "Fanned", Next = typeof(Done))]
                public class Fan
                {
                    [Branch, AslField("X-Branch", "1")] public class Only { [Succeed] public class Ok; }
                }

                [Succeed] public class Done;
            }
            """",

        ["Placeholders"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("placeholders")]
            public partial class Placeholders
            {
                [Task("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}",
                    Parameters = "{\"Table\": \"${TableName}\", \"Bucket\": \"${Bucket}\", \"Key.$\": \"$.key\"}", Next = typeof(Publish))]
                public class Invoke;

                [SnsPublish(TopicArn = "${AlertTopic}", Message = "\"${Environment} finished\"", End = true)]
                public class Publish;
            }
            """,

        ["NamesWithSpaces"] = """
            using Flowstate;

            namespace Demo;

            [StateMachine("names-with-spaces", Comment = "Quotes \" and backslashes \\ survive")]
            public partial class NamesWithSpaces
            {
                [Pass(Name = "Get the order", Next = typeof(Check))] public class GetOrder;
                [Choice(Name = "Is it \"big\"?", DefaultName = "Not <declared> # here")]
                [When("$.size > 10", Next = typeof(Big))]
                public class Check;
                [Task("arn:aws:lambda:us-east-1:123456789012:function:ship", Name = "Ship it | now", Next = typeof(End))]
                [Catch(typeof(End), StatesErrors.All)]
                public class Big;
                [Succeed(Name = "end")] public class End;
                [Fail(Name = "Not <declared> # here", Error = "Small")] public class Odd;
            }
            """,

        ["NestedTypes"] = """
            using Flowstate;

            [StateMachine("zeta-global")]
            public partial record GlobalMachine
            {
                [Succeed] public class Done;
            }

            namespace Demo.Nested
            {
                public static partial class Outer
                {
                    public partial class Inner
                    {
                        [StateMachine("alpha-nested")]
                        internal partial class Flow
                        {
                            [Pass(End = true)] public class Only;
                        }
                    }
                }

                [StateMachine]
                public partial class Middle
                {
                    [Succeed] public class Done;
                }
            }
            """,

        ["EntryPoint"] = """
            using Flowstate;

            [assembly: FlowstateEntryPoint]

            namespace App;

            [StateMachine("hello")]
            public partial class Hello
            {
                [Pass(Result = "\"world\"", End = true)] public class Say;
            }
            """,
        // The sample's pipeline as the sample builds it (samples/DailyEtl/DailyEtlPipeline.cs, copied next to the
        // tests): its template is a baseline, goes through cfn-lint with the others, and is compared with SAM's.
        ["Sample"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "DailyEtlPipeline.cs")),

        // Payload keys that CloudFormation would read as intrinsic functions inside a Definition object:
        // the template carries this definition as DefinitionString (a string CloudFormation never evaluates).
        ["IntrinsicKeys"] = """"
            using Flowstate;

            namespace Demo;

            [StateMachine("intrinsic-keys")]
            public partial class IntrinsicKeys
            {
                [Pass(Result = """{ "Ref": "not-a-resource", "note": "a payload key named Ref" }""", ResultPath = "$.a", Next = typeof(Second))] public class First;
                [Pass(Parameters = """{ "wrapped": { "Fn::GetAtt": ["Bucket", "Arn"] }, "id.$": "$.id" }""", Next = typeof(Third))] public class Second;
                [LambdaInvoke("${ShipFunctionArn}", Payload = """{ "Fn::Sub": "kept as text" }""", End = true)] public class Third;
            }
            """",

        ["Deployment"] = """"
            using Flowstate;

            [assembly: FlowstateStack("orders", Description = "Orders pipelines")]
            [assembly: FlowstateStack("reports")]
            [assembly: FlowstateParameter("ProcessFunctionArn", Description = "The processing function", AllowedPattern = "^arn:.*$")]
            [assembly: FlowstateParameter("Region", Default = "eu-central-1")]
            [assembly: FlowstateTopic("AlertTopic", DisplayName = "alerts")]
            [assembly: FlowstateTopic("OpsTopic", Arn = "arn:aws:sns:eu-central-1:123456789012:ops")]
            [assembly: FlowstateTopic("PagerTopic", FromParameter = true)]
            [assembly: FlowstateBucket("InboxBucket")]
            [assembly: FlowstateTag("team", "data")]

            namespace Demo;

            [StateMachine("orders-main")]
            [Schedule("cron(0 2 * * ? *)", TimeZone = "Europe/Berlin", Input = """{ "source": "nightly", "region": "${Region}" }""", Name = "Nightly")]
            [Schedule("rate(1 hour)", UseEventBridgeRule = true, Enabled = false)]
            [Schedule("at(2027-01-01T00:00:00)", FlexibleWindowMinutes = 15, Description = "New year run")]
            [OnS3ObjectCreated("${InboxBucket}", Prefix = "in/", Suffix = ".csv", InputPath = "$.detail")]
            [OnEvent("""{ "source": ["my.app"], "detail-type": ["OrderPlaced"] }""", Name = "OrderPlaced",
                InputPathsMap = """{ "id": "$.detail.id" }""", InputTemplate = """{ "orderId": <id> }""")]
            [Alarm(StateMachineMetric.ExecutionsFailed, "AlertTopic")]
            [Alarm(StateMachineMetric.ExecutionThrottled, "OpsTopic", Threshold = 5, EvaluationPeriods = 3, PeriodSeconds = 60, TreatMissingData = MissingData.Ignore, NotifyOnOk = true)]
            [Alarm(StateMachineMetric.ExecutionsTimedOut, "PagerTopic")]
            [NotifyOnFailure("AlertTopic")]
            [Role(PermissionsBoundary = "arn:aws:iam::123456789012:policy/boundary")]
            [RolePolicyStatement("""{ "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::${InboxBucket}/*" }""")]
            [Logging(LogLevel.All, IncludeExecutionData = true, RetentionDays = 7)]
            [Tracing]
            [FlowstateTag("owner", "orders")]
            public partial class OrdersMain
            {
                [LambdaInvoke("${ProcessFunctionArn}", PayloadPath = "$", Next = typeof(RunChild))] public class Process;
                [StartExecution(StateMachine = typeof(OrdersChild), Integration = IntegrationPattern.SyncV2, End = true)] public class RunChild;
            }

            [StateMachine("orders-child", Type = WorkflowType.Standard)]
            public partial class OrdersChild
            {
                [SnsPublish("${AlertTopicArn}", Message = "\"child ran\"", End = true)] public class Tell;
            }

            [StateMachine("daily-report")]
            [InStack("reports")]
            [Role(RoleArn = "arn:aws:iam::123456789012:role/reporting")]
            [Logging(LogLevel.Error, LogGroupArn = "arn:aws:logs:eu-central-1:123456789012:log-group:reports:*")]
            public partial class DailyReport
            {
                [Pass(End = true)] public class Only;
            }
            """",
    };
}
