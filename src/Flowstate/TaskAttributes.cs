using System;
using System.Diagnostics.CodeAnalysis;

namespace Flowstate;

/// <summary>Base of every Task state attribute: the generic <see cref="TaskAttribute"/> and the typed integrations.</summary>
public abstract class TaskStateAttribute : TransitionStateAttribute
{
    /// <summary>
    /// ASL <c>Parameters</c> (JSONPath): a payload template. On a typed integration, these keys are
    /// added to the ones its properties produce.
    /// </summary>
    [StringSyntax("Json")] public string? Parameters { get; set; }

    /// <summary>
    /// ASL <c>Arguments</c> (JSONata). On a typed integration in a JSONata state, these keys are
    /// added to the ones its properties produce.
    /// </summary>
    [StringSyntax("Json")] public string? Arguments { get; set; }

    /// <summary>ASL <c>ResultSelector</c>.</summary>
    [StringSyntax("Json")] public string? ResultSelector { get; set; }

    /// <summary>ASL <c>ResultPath</c>; <c>null</c> discards the result.</summary>
    public string? ResultPath { get; set; }

    /// <summary>ASL <c>TimeoutSeconds</c>.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>ASL <c>TimeoutSecondsPath</c>.</summary>
    public string? TimeoutSecondsPath { get; set; }

    /// <summary>ASL <c>HeartbeatSeconds</c> (must be less than the timeout).</summary>
    public int HeartbeatSeconds { get; set; }

    /// <summary>ASL <c>HeartbeatSecondsPath</c>.</summary>
    public string? HeartbeatSecondsPath { get; set; }

    /// <summary>ASL <c>Credentials</c>: the role to assume, as JSON (for example <c>{"RoleArn": "..."}</c>).</summary>
    [StringSyntax("Json")] public string? Credentials { get; set; }
}

/// <summary>A Task state calling any resource ARN: a Lambda function, an activity or any service integration.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskAttribute : TaskStateAttribute
{
    /// <summary>A Task calling <paramref name="resource"/>.</summary>
    public TaskAttribute(string resource) => Resource = resource;

    /// <summary>ASL <c>Resource</c>.</summary>
    public string Resource { get; }
}

/// <summary>Base of the typed service integrations (resource <c>arn:aws:states:::service:action</c>).</summary>
public abstract class ServiceTaskAttribute : TaskStateAttribute
{
    /// <summary>The integration pattern, which becomes the resource's suffix.</summary>
    public IntegrationPattern Integration { get; set; }
}

/// <summary>Invoke a Lambda function through the optimized integration <c>arn:aws:states:::lambda:invoke</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LambdaInvokeAttribute : ServiceTaskAttribute
{
    /// <summary>Invoke a function; set <see cref="FunctionName"/> or <see cref="FunctionNamePath"/>.</summary>
    public LambdaInvokeAttribute() { }
    /// <summary>Invoke the function <paramref name="functionName"/> (name, ARN or <c>${Placeholder}</c>).</summary>
    public LambdaInvokeAttribute(string functionName) => FunctionName = functionName;
    /// <summary><c>FunctionName</c>.</summary>
    public string? FunctionName { get; set; }
    /// <summary><c>FunctionName.$</c>.</summary>
    public string? FunctionNamePath { get; set; }
    /// <summary><c>Payload</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Payload { get; set; }
    /// <summary><c>Payload.$</c>.</summary>
    public string? PayloadPath { get; set; }
    /// <summary><c>Qualifier</c>: a version or alias.</summary>
    public string? Qualifier { get; set; }
    /// <summary><c>InvocationType</c>: RequestResponse, Event or DryRun.</summary>
    public string? InvocationType { get; set; }
}

/// <summary>Start an AWS Glue job run (<c>arn:aws:states:::glue:startJobRun</c>, usually with <see cref="IntegrationPattern.Sync"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GlueStartJobRunAttribute : ServiceTaskAttribute
{
    /// <summary>Start a job; set <see cref="JobName"/> or <see cref="JobNamePath"/>.</summary>
    public GlueStartJobRunAttribute() { }
    /// <summary>Start the job <paramref name="jobName"/>.</summary>
    public GlueStartJobRunAttribute(string jobName) => JobName = jobName;
    /// <summary><c>JobName</c>.</summary>
    public string? JobName { get; set; }
    /// <summary><c>JobName.$</c>.</summary>
    public string? JobNamePath { get; set; }
    /// <summary>The job's <c>Arguments</c>, as a JSON object such as <c>{"--input_path.$": "$.in"}</c>.</summary>
    [StringSyntax("Json")] public string? JobArguments { get; set; }
    /// <summary><c>WorkerType</c>.</summary>
    public string? WorkerType { get; set; }
    /// <summary><c>NumberOfWorkers</c>.</summary>
    public int NumberOfWorkers { get; set; }
}

/// <summary>Start an AWS Glue crawler (<c>arn:aws:states:::aws-sdk:glue:startCrawler</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GlueStartCrawlerAttribute : ServiceTaskAttribute
{
    /// <summary>Start a crawler; set <see cref="CrawlerName"/> or <see cref="CrawlerNamePath"/>.</summary>
    public GlueStartCrawlerAttribute() { }
    /// <summary>Start the crawler <paramref name="crawlerName"/>.</summary>
    public GlueStartCrawlerAttribute(string crawlerName) => CrawlerName = crawlerName;
    /// <summary>The crawler's <c>Name</c>.</summary>
    public string? CrawlerName { get; set; }
    /// <summary><c>Name.$</c>.</summary>
    public string? CrawlerNamePath { get; set; }
}

/// <summary>Create an Amazon EMR cluster (<c>arn:aws:states:::elasticmapreduce:createCluster</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EmrCreateClusterAttribute : ServiceTaskAttribute
{
    /// <summary>The cluster's <c>Name</c>.</summary>
    public string? ClusterName { get; set; }
    /// <summary><c>Name.$</c>.</summary>
    public string? ClusterNamePath { get; set; }
    /// <summary><c>ReleaseLabel</c>, for example <c>emr-7.1.0</c>.</summary>
    public string? ReleaseLabel { get; set; }
    /// <summary><c>Applications</c>, as a JSON array.</summary>
    [StringSyntax("Json")] public string? Applications { get; set; }
    /// <summary><c>Instances</c>, as JSON: instance groups or fleets (Spot capacity goes in <c>TargetSpotCapacity</c>).</summary>
    [StringSyntax("Json")] public string? Instances { get; set; }
    /// <summary><c>ServiceRole</c>.</summary>
    public string? ServiceRole { get; set; }
    /// <summary><c>JobFlowRole</c>: the EC2 instance profile.</summary>
    public string? JobFlowRole { get; set; }
    /// <summary><c>LogUri</c>.</summary>
    public string? LogUri { get; set; }
    /// <summary><c>VisibleToAllUsers</c>.</summary>
    public bool VisibleToAllUsers { get; set; }
}

/// <summary>Add a step to an EMR cluster (<c>arn:aws:states:::elasticmapreduce:addStep</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EmrAddStepAttribute : ServiceTaskAttribute
{
    /// <summary><c>ClusterId</c>.</summary>
    public string? ClusterId { get; set; }
    /// <summary><c>ClusterId.$</c>.</summary>
    public string? ClusterIdPath { get; set; }
    /// <summary><c>Step</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Step { get; set; }
}

/// <summary>Terminate an EMR cluster (<c>arn:aws:states:::elasticmapreduce:terminateCluster</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EmrTerminateClusterAttribute : ServiceTaskAttribute
{
    /// <summary><c>ClusterId</c>.</summary>
    public string? ClusterId { get; set; }
    /// <summary><c>ClusterId.$</c>.</summary>
    public string? ClusterIdPath { get; set; }
}

/// <summary>Publish to an Amazon SNS topic (<c>arn:aws:states:::sns:publish</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SnsPublishAttribute : ServiceTaskAttribute
{
    /// <summary>Publish; set <see cref="TopicArn"/> or <see cref="TopicArnPath"/>.</summary>
    public SnsPublishAttribute() { }
    /// <summary>Publish to <paramref name="topicArn"/>.</summary>
    public SnsPublishAttribute(string topicArn) => TopicArn = topicArn;
    /// <summary><c>TopicArn</c>.</summary>
    public string? TopicArn { get; set; }
    /// <summary><c>TopicArn.$</c>.</summary>
    public string? TopicArnPath { get; set; }
    /// <summary><c>Message</c>, as JSON (a JSON string for plain text).</summary>
    [StringSyntax("Json")] public string? Message { get; set; }
    /// <summary><c>Message.$</c>.</summary>
    public string? MessagePath { get; set; }
    /// <summary><c>Subject</c>.</summary>
    public string? Subject { get; set; }
    /// <summary><c>Subject.$</c>.</summary>
    public string? SubjectPath { get; set; }
    /// <summary><c>MessageAttributes</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? MessageAttributes { get; set; }
}

/// <summary>Send a message to an Amazon SQS queue (<c>arn:aws:states:::sqs:sendMessage</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SqsSendMessageAttribute : ServiceTaskAttribute
{
    /// <summary>Send; set <see cref="QueueUrl"/> or <see cref="QueueUrlPath"/>.</summary>
    public SqsSendMessageAttribute() { }
    /// <summary>Send to <paramref name="queueUrl"/>.</summary>
    public SqsSendMessageAttribute(string queueUrl) => QueueUrl = queueUrl;
    /// <summary><c>QueueUrl</c>.</summary>
    public string? QueueUrl { get; set; }
    /// <summary><c>QueueUrl.$</c>.</summary>
    public string? QueueUrlPath { get; set; }
    /// <summary><c>MessageBody</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? MessageBody { get; set; }
    /// <summary><c>MessageBody.$</c>.</summary>
    public string? MessageBodyPath { get; set; }
    /// <summary><c>MessageGroupId</c> (FIFO queues).</summary>
    public string? MessageGroupId { get; set; }
    /// <summary><c>MessageAttributes</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? MessageAttributes { get; set; }
}

/// <summary>Base of the DynamoDB item integrations.</summary>
public abstract class DynamoDbItemAttribute : ServiceTaskAttribute
{
    /// <summary><c>TableName</c>.</summary>
    public string? TableName { get; set; }
    /// <summary><c>TableName.$</c>.</summary>
    public string? TableNamePath { get; set; }
    /// <summary><c>ConditionExpression</c>.</summary>
    public string? ConditionExpression { get; set; }
    /// <summary><c>ExpressionAttributeNames</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? ExpressionAttributeNames { get; set; }
    /// <summary><c>ExpressionAttributeValues</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? ExpressionAttributeValues { get; set; }
    /// <summary><c>ReturnValues</c>.</summary>
    public string? ReturnValues { get; set; }
}

/// <summary>Read an item (<c>arn:aws:states:::dynamodb:getItem</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DynamoDbGetItemAttribute : DynamoDbItemAttribute
{
    /// <summary><c>Key</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Key { get; set; }
    /// <summary><c>ProjectionExpression</c>.</summary>
    public string? ProjectionExpression { get; set; }
    /// <summary><c>ConsistentRead</c>.</summary>
    public bool ConsistentRead { get; set; }
}

/// <summary>Write an item (<c>arn:aws:states:::dynamodb:putItem</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DynamoDbPutItemAttribute : DynamoDbItemAttribute
{
    /// <summary><c>Item</c>, as JSON in DynamoDB's typed form (<c>{"id": {"S.$": "$.id"}}</c>).</summary>
    [StringSyntax("Json")] public string? Item { get; set; }
}

/// <summary>Update an item (<c>arn:aws:states:::dynamodb:updateItem</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DynamoDbUpdateItemAttribute : DynamoDbItemAttribute
{
    /// <summary><c>Key</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Key { get; set; }
    /// <summary><c>UpdateExpression</c>.</summary>
    public string? UpdateExpression { get; set; }
}

/// <summary>Delete an item (<c>arn:aws:states:::dynamodb:deleteItem</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DynamoDbDeleteItemAttribute : DynamoDbItemAttribute
{
    /// <summary><c>Key</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Key { get; set; }
}

/// <summary>Run an Amazon Athena query (<c>arn:aws:states:::athena:startQueryExecution</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AthenaStartQueryExecutionAttribute : ServiceTaskAttribute
{
    /// <summary><c>QueryString</c>.</summary>
    public string? QueryString { get; set; }
    /// <summary><c>QueryString.$</c>.</summary>
    public string? QueryStringPath { get; set; }
    /// <summary><c>WorkGroup</c>.</summary>
    public string? WorkGroup { get; set; }
    /// <summary><c>QueryExecutionContext</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? QueryExecutionContext { get; set; }
    /// <summary><c>ResultConfiguration</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? ResultConfiguration { get; set; }
}

/// <summary>Submit an AWS Batch job (<c>arn:aws:states:::batch:submitJob</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BatchSubmitJobAttribute : ServiceTaskAttribute
{
    /// <summary><c>JobName</c>.</summary>
    public string? JobName { get; set; }
    /// <summary><c>JobName.$</c>.</summary>
    public string? JobNamePath { get; set; }
    /// <summary><c>JobQueue</c>.</summary>
    public string? JobQueue { get; set; }
    /// <summary><c>JobDefinition</c>.</summary>
    public string? JobDefinition { get; set; }
    /// <summary>The job's <c>Parameters</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? JobParameters { get; set; }
    /// <summary><c>ContainerOverrides</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? ContainerOverrides { get; set; }
}

/// <summary>Run an Amazon ECS task (<c>arn:aws:states:::ecs:runTask</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EcsRunTaskAttribute : ServiceTaskAttribute
{
    /// <summary><c>Cluster</c>.</summary>
    public string? Cluster { get; set; }
    /// <summary><c>TaskDefinition</c>.</summary>
    public string? TaskDefinition { get; set; }
    /// <summary><c>LaunchType</c>: FARGATE, EC2 or EXTERNAL.</summary>
    public string? LaunchType { get; set; }
    /// <summary><c>NetworkConfiguration</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? NetworkConfiguration { get; set; }
    /// <summary><c>Overrides</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Overrides { get; set; }
}

/// <summary>Start a nested Step Functions execution (<c>arn:aws:states:::states:startExecution</c>; <see cref="IntegrationPattern.SyncV2"/> waits and parses its output).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StartExecutionAttribute : ServiceTaskAttribute
{
    /// <summary><c>StateMachineArn</c>.</summary>
    public string? StateMachineArn { get; set; }
    /// <summary><c>StateMachineArn.$</c>.</summary>
    public string? StateMachineArnPath { get; set; }
    /// <summary>
    /// Another <c>[StateMachine]</c> class of this assembly, in the same stack: <c>StateMachineArn</c> becomes
    /// <c>${&lt;Class&gt;Arn}</c>, which the generated template wires to that machine's ARN (and its role may start it).
    /// </summary>
    public Type? StateMachine { get; set; }
    /// <summary>The execution's <c>Input</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? ExecutionInput { get; set; }
    /// <summary><c>Input.$</c>.</summary>
    public string? ExecutionInputPath { get; set; }
    /// <summary>The execution's <c>Name</c>.</summary>
    public string? ExecutionName { get; set; }
    /// <summary><c>Name.$</c>.</summary>
    public string? ExecutionNamePath { get; set; }
}

/// <summary>Send events to Amazon EventBridge (<c>arn:aws:states:::events:putEvents</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EventBridgePutEventsAttribute : ServiceTaskAttribute
{
    /// <summary><c>Entries</c>, as a JSON array.</summary>
    [StringSyntax("Json")] public string? Entries { get; set; }
}

/// <summary>Call an HTTPS API through an EventBridge connection (<c>arn:aws:states:::http:invoke</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HttpInvokeAttribute : ServiceTaskAttribute
{
    /// <summary><c>ApiEndpoint</c>.</summary>
    public string? ApiEndpoint { get; set; }
    /// <summary><c>ApiEndpoint.$</c>.</summary>
    public string? ApiEndpointPath { get; set; }
    /// <summary><c>Method</c>: GET, POST, ...</summary>
    public string? Method { get; set; }
    /// <summary><c>Authentication</c>, as JSON (<c>{"ConnectionArn": "..."}</c>).</summary>
    [StringSyntax("Json")] public string? Authentication { get; set; }
    /// <summary><c>Headers</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? Headers { get; set; }
    /// <summary><c>QueryParameters</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? QueryParameters { get; set; }
    /// <summary><c>RequestBody</c>, as JSON.</summary>
    [StringSyntax("Json")] public string? RequestBody { get; set; }
}

/// <summary>Call any AWS API through the SDK integration <c>arn:aws:states:::aws-sdk:service:action</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AwsSdkAttribute : ServiceTaskAttribute
{
    /// <summary>Call <paramref name="service"/>:<paramref name="action"/>, for example <c>("s3", "putObject")</c>. The request goes in Parameters or Arguments.</summary>
    public AwsSdkAttribute(string service, string action)
    {
        Service = service;
        Action = action;
    }
    /// <summary>The service, in the SDK's lower-case form (<c>s3</c>, <c>redshiftdata</c>).</summary>
    public string Service { get; }
    /// <summary>The action, in camel case (<c>putObject</c>).</summary>
    public string Action { get; }
}

/// <summary>Wait for a worker polling a Step Functions activity.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ActivityAttribute : TaskStateAttribute
{
    /// <summary>The activity's ARN (or a <c>${Placeholder}</c>).</summary>
    public ActivityAttribute(string activityArn) => ActivityArn = activityArn;
    /// <summary>The activity's ARN.</summary>
    public string ActivityArn { get; }
}
