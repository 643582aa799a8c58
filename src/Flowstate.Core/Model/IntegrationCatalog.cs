using System;
using System.Collections.Generic;
using System.Linq;

namespace Flowstate.Core.Model;

/// <summary>How a typed integration property becomes a key of the Task's Parameters (or Arguments).</summary>
public enum ParamKind
{
    /// <summary>A string: <c>"Key": "value"</c>; its path property gives <c>"Key.$": "$.path"</c>.</summary>
    String,
    /// <summary>JSON text: <c>"Key": &lt;json&gt;</c>; its path property gives <c>"Key.$": "$.path"</c>.</summary>
    Json,
    /// <summary>An int: <c>"Key": 5</c>.</summary>
    Int,
    /// <summary>A bool: <c>"Key": true</c>.</summary>
    Bool,
}

/// <summary>One property of a typed integration attribute and the payload key it writes.</summary>
public sealed record IntegrationParam(string Property, string JsonKey, ParamKind Kind, string? PathProperty = null);

/// <summary>
/// A typed Task integration (an attribute such as [LambdaInvoke]) and how it maps to ASL. The
/// parser uses it to turn the attribute into Resource + Parameters; the importer uses it in
/// reverse to pick the attribute a person would write. The attribute classes in Flowstate must
/// match this table (a test checks it by reflection).
/// </summary>
public sealed record IntegrationInfo(
    string AttributeName,
    string ResourceBase,
    EquatableArray<string> Patterns,
    EquatableArray<IntegrationParam> Params,
    string? ConstructorProperty)
{
    /// <summary>Metadata name of the attribute class, e.g. "Flowstate.LambdaInvokeAttribute".</summary>
    public string MetadataName => "Flowstate." + AttributeName + "Attribute";
}

public static class IntegrationCatalog
{
    public const string ServiceArnPrefix = "arn:aws:states:::";

    public const string RequestResponse = "RequestResponse";
    public const string Sync = "Sync";
    public const string SyncV2 = "SyncV2";
    public const string WaitForTaskToken = "WaitForTaskToken";

    /// <summary>The ARN suffix of each integration pattern (IntegrationPattern enum member name to suffix).</summary>
    public static string Suffix(string pattern) => pattern switch
    {
        Sync => ".sync",
        SyncV2 => ".sync:2",
        WaitForTaskToken => ".waitForTaskToken",
        _ => "",
    };

    /// <summary>The pattern of an ARN suffix, or null if it is not one.</summary>
    public static string? PatternOfSuffix(string suffix) => suffix switch
    {
        "" => RequestResponse,
        ".sync" => Sync,
        ".sync:2" => SyncV2,
        ".waitForTaskToken" => WaitForTaskToken,
        _ => null,
    };

    private static EquatableArray<string> P(params string[] patterns) => new(patterns);

    private static IntegrationParam S(string property, string? key = null, bool path = true) => new(property, key ?? property, ParamKind.String, path ? property + "Path" : null);
    private static IntegrationParam J(string property, string? key = null, bool path = false) => new(property, key ?? property, ParamKind.Json, path ? property + "Path" : null);
    private static IntegrationParam I(string property, string? key = null) => new(property, key ?? property, ParamKind.Int);
    private static IntegrationParam B(string property, string? key = null) => new(property, key ?? property, ParamKind.Bool);

    private static IntegrationInfo T(string name, string resourceBase, EquatableArray<string> patterns, string? ctor, params IntegrationParam[] ps)
        => new(name, resourceBase, patterns, new EquatableArray<IntegrationParam>(ps), ctor);

    private static readonly IntegrationParam[] DynamoCommon =
    {
        S("TableName"),
        S("ConditionExpression", path: false),
        J("ExpressionAttributeNames"),
        J("ExpressionAttributeValues"),
        S("ReturnValues", path: false),
    };

    /// <summary>Every typed integration. Order matters only for the importer: the first that fits wins.</summary>
    public static readonly EquatableArray<IntegrationInfo> All = new(new[]
    {
        T("LambdaInvoke", "lambda:invoke", P(RequestResponse, WaitForTaskToken), "FunctionName",
            S("FunctionName"), J("Payload", path: true), S("Qualifier", path: false), S("InvocationType", path: false)),
        T("GlueStartJobRun", "glue:startJobRun", P(RequestResponse, Sync), "JobName",
            S("JobName"), J("JobArguments", "Arguments"), S("WorkerType", path: false), I("NumberOfWorkers")),
        T("GlueStartCrawler", "aws-sdk:glue:startCrawler", P(RequestResponse, WaitForTaskToken), "CrawlerName",
            new IntegrationParam("CrawlerName", "Name", ParamKind.String, "CrawlerNamePath")),
        T("EmrCreateCluster", "elasticmapreduce:createCluster", P(RequestResponse, Sync), null,
            new IntegrationParam("ClusterName", "Name", ParamKind.String, "ClusterNamePath"),
            S("ReleaseLabel", path: false), J("Applications"), J("Instances"), S("ServiceRole", path: false),
            S("JobFlowRole", path: false), S("LogUri", path: false), B("VisibleToAllUsers")),
        T("EmrAddStep", "elasticmapreduce:addStep", P(RequestResponse, Sync), null,
            S("ClusterId"), J("Step")),
        T("EmrTerminateCluster", "elasticmapreduce:terminateCluster", P(RequestResponse, Sync), null,
            S("ClusterId")),
        T("SnsPublish", "sns:publish", P(RequestResponse, WaitForTaskToken), "TopicArn",
            S("TopicArn"), J("Message", path: true), S("Subject"), J("MessageAttributes")),
        T("SqsSendMessage", "sqs:sendMessage", P(RequestResponse, WaitForTaskToken), "QueueUrl",
            S("QueueUrl"), J("MessageBody", path: true), S("MessageGroupId", path: false), J("MessageAttributes")),
        T("DynamoDbGetItem", "dynamodb:getItem", P(RequestResponse), null,
            DynamoCommon.Concat(new[] { J("Key"), S("ProjectionExpression", path: false), B("ConsistentRead") }).ToArray()),
        T("DynamoDbPutItem", "dynamodb:putItem", P(RequestResponse), null,
            DynamoCommon.Concat(new[] { J("Item") }).ToArray()),
        T("DynamoDbUpdateItem", "dynamodb:updateItem", P(RequestResponse), null,
            DynamoCommon.Concat(new[] { J("Key"), S("UpdateExpression", path: false) }).ToArray()),
        T("DynamoDbDeleteItem", "dynamodb:deleteItem", P(RequestResponse), null,
            DynamoCommon.Concat(new[] { J("Key") }).ToArray()),
        T("AthenaStartQueryExecution", "athena:startQueryExecution", P(RequestResponse, Sync), null,
            S("QueryString"), S("WorkGroup", path: false), J("QueryExecutionContext"), J("ResultConfiguration")),
        T("BatchSubmitJob", "batch:submitJob", P(RequestResponse, Sync), null,
            S("JobName"), S("JobQueue", path: false), S("JobDefinition", path: false), J("JobParameters", "Parameters"), J("ContainerOverrides")),
        T("EcsRunTask", "ecs:runTask", P(RequestResponse, Sync, WaitForTaskToken), null,
            S("Cluster", path: false), S("TaskDefinition", path: false), S("LaunchType", path: false), J("NetworkConfiguration"), J("Overrides")),
        T("StartExecution", "states:startExecution", P(RequestResponse, Sync, SyncV2, WaitForTaskToken), null,
            S("StateMachineArn"), new IntegrationParam("ExecutionInput", "Input", ParamKind.Json, "ExecutionInputPath"),
            new IntegrationParam("ExecutionName", "Name", ParamKind.String, "ExecutionNamePath")),
        T("EventBridgePutEvents", "events:putEvents", P(RequestResponse, WaitForTaskToken), null,
            J("Entries")),
        T("HttpInvoke", "http:invoke", P(RequestResponse), null,
            S("ApiEndpoint"), S("Method", path: false), J("Authentication"), J("Headers"), J("QueryParameters"), J("RequestBody")),
    });

    /// <summary>The generic SDK integration [AwsSdk(service, action)]: resource aws-sdk:service:action.</summary>
    public const string AwsSdkAttributeName = "AwsSdk";

    /// <summary>[Activity(arn)]: the resource is the activity ARN itself.</summary>
    public const string ActivityAttributeName = "Activity";

    /// <summary>The patterns the SDK integrations support (no .sync).</summary>
    public static readonly EquatableArray<string> AwsSdkPatterns = P(RequestResponse, WaitForTaskToken);

    public static IntegrationInfo? FindByAttribute(string attributeName)
        => All.FirstOrDefault(i => string.Equals(i.AttributeName, attributeName, StringComparison.Ordinal));

    /// <summary>The typed integrations whose resource base is <paramref name="resourceBase"/>.</summary>
    public static IEnumerable<IntegrationInfo> FindByResourceBase(string resourceBase)
        => All.Where(i => string.Equals(i.ResourceBase, resourceBase, StringComparison.Ordinal));

    /// <summary>
    /// Splits "arn:aws:states:::glue:startJobRun.sync" into ("glue:startJobRun", "Sync"). Returns
    /// false for resources that are not optimized or SDK integrations in the standard partition
    /// (Lambda ARNs, activities, placeholders).
    /// </summary>
    public static bool TrySplitResource(string resource, out string resourceBase, out string pattern)
    {
        resourceBase = "";
        pattern = RequestResponse;
        if (!resource.StartsWith(ServiceArnPrefix, StringComparison.Ordinal)) return false;
        var rest = resource.Substring(ServiceArnPrefix.Length);
        foreach (var suffix in new[] { ".sync:2", ".sync", ".waitForTaskToken" })
        {
            if (rest.EndsWith(suffix, StringComparison.Ordinal))
            {
                resourceBase = rest.Substring(0, rest.Length - suffix.Length);
                pattern = PatternOfSuffix(suffix)!;
                return resourceBase.Length > 0;
            }
        }
        resourceBase = rest;
        return rest.Length > 0;
    }
}
