using System;
using System.Collections.Generic;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Core.Validation.ValidationContext;

using Flowstate.Core.Syntax;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Validation;

/// <summary>What a Task's Resource is, once deployment placeholders are set aside.</summary>
internal enum ResourceKind { Unknown, Placeholder, NotAnArn, ServiceIntegration, SdkIntegration, Activity, LambdaFunction, OtherArn }

internal readonly struct ResourceInfo
{
    public ResourceInfo(ResourceKind kind, string service = "", string action = "", string pattern = IntegrationCatalog.RequestResponse)
    {
        Kind = kind;
        Service = service;
        Action = action;
        Pattern = pattern;
    }

    public ResourceKind Kind { get; }

    /// <summary>For integrations: "lambda", "glue", "aws-sdk".</summary>
    public string Service { get; }

    /// <summary>For integrations: "invoke", "startJobRun", "s3:putObject".</summary>
    public string Action { get; }

    /// <summary>RequestResponse, Sync, SyncV2 or WaitForTaskToken.</summary>
    public string Pattern { get; }

    public string Base => Service + ":" + Action;

    /// <summary>
    /// True when <paramref name="text"/> holds a closed deployment placeholder (<c>${Name}</c>) at or
    /// after <paramref name="from"/>. An unclosed one ("${lambdaArn") is a typo, not a placeholder.
    /// </summary>
    internal static bool HasPlaceholder(string text, int from)
    {
        for (var i = text.IndexOf("${", from, StringComparison.Ordinal); i >= 0; i = text.IndexOf("${", i + 2, StringComparison.Ordinal))
            if (text.IndexOf('}', i + 2) > i + 2) return true;
        return false;
    }

    public static ResourceInfo Parse(string? resource)
    {
        if (resource is null) return new ResourceInfo(ResourceKind.Unknown);
        var trimmed = resource.Trim();
        if (trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed.IndexOf('}') == trimmed.Length - 1 && trimmed.Length > 3)
            return new ResourceInfo(ResourceKind.Placeholder);
        if (!trimmed.StartsWith("arn:", StringComparison.Ordinal))
            return HasPlaceholder(trimmed, 0) || (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal))
                ? new ResourceInfo(ResourceKind.Placeholder)
                : new ResourceInfo(ResourceKind.NotAnArn);
        // Placeholders such as ${AWS::Partition} hold ':' themselves; replace them first.
        var arn = JsonPathSyntax.SubstitutePlaceholders(trimmed);
        var parts = arn.Split(':');
        if (parts.Length < 6) return new ResourceInfo(ResourceKind.OtherArn);
        var service = parts[2];
        if (service == "states" && parts[3].Length == 0 && parts[4].Length == 0)
        {
            var rest = string.Join(":", parts, 5, parts.Length - 5);
            var pattern = IntegrationCatalog.RequestResponse;
            foreach (var suffix in new[] { ".sync:2", ".sync", ".waitForTaskToken" })
            {
                if (!rest.EndsWith(suffix, StringComparison.Ordinal)) continue;
                rest = rest.Substring(0, rest.Length - suffix.Length);
                pattern = IntegrationCatalog.PatternOfSuffix(suffix)!;
                break;
            }
            if (HasPlaceholder(trimmed, trimmed.IndexOf(":::", StringComparison.Ordinal) + 1))
                return new ResourceInfo(ResourceKind.Placeholder, pattern: pattern);
            var colon = rest.IndexOf(':');
            var svc = colon < 0 ? rest : rest.Substring(0, colon);
            var action = colon < 0 ? "" : rest.Substring(colon + 1);
            return new ResourceInfo(svc == "aws-sdk" ? ResourceKind.SdkIntegration : ResourceKind.ServiceIntegration, svc, action, pattern);
        }
        if (service == "states" && parts[5] == "activity") return new ResourceInfo(ResourceKind.Activity);
        if (service == "lambda" && parts[5] == "function") return new ResourceInfo(ResourceKind.LambdaFunction, "lambda", "function");
        return new ResourceInfo(ResourceKind.OtherArn);
    }
}

/// <summary>
/// FLOW5xxx integrations: Resource is an ARN, the integration exists, its pattern is supported,
/// .waitForTaskToken passes the token, Express workflows use no .sync/.waitForTaskToken/activities.
/// </summary>
internal static class IntegrationRules
{
    private const string RR = IntegrationCatalog.RequestResponse;
    private const string Sync = IntegrationCatalog.Sync;
    private const string SyncV2 = IntegrationCatalog.SyncV2;
    private const string Wft = IntegrationCatalog.WaitForTaskToken;

    /// <summary>
    /// AWS's optimized integrations and the patterns each supports (Step Functions developer guide,
    /// "Integrating optimized services"). Actions: the complete list where the service has a short
    /// fixed one, null where any action of the service is accepted.
    /// </summary>
    internal static readonly Dictionary<string, (string DisplayName, string[] Patterns, string[]? Actions)> Optimized = new(StringComparer.Ordinal)
    {
        ["lambda"] = ("AWS Lambda", new[] { RR, Wft }, new[] { "invoke" }),
        ["apigateway"] = ("Amazon API Gateway", new[] { RR, Wft }, new[] { "invoke" }),
        ["athena"] = ("Amazon Athena", new[] { RR, Sync }, null),
        ["batch"] = ("AWS Batch", new[] { RR, Sync }, new[] { "submitJob" }),
        ["bedrock"] = ("Amazon Bedrock", new[] { RR, Sync, Wft }, null),
        ["codebuild"] = ("AWS CodeBuild", new[] { RR, Sync }, null),
        ["dynamodb"] = ("Amazon DynamoDB", new[] { RR }, new[] { "getItem", "putItem", "updateItem", "deleteItem" }),
        ["ecs"] = ("Amazon ECS", new[] { RR, Sync, Wft }, new[] { "runTask" }),
        ["eks"] = ("Amazon EKS", new[] { RR, Sync, Wft }, null),
        ["elasticmapreduce"] = ("Amazon EMR", new[] { RR, Sync }, null),
        ["emr-containers"] = ("Amazon EMR on EKS", new[] { RR, Sync }, null),
        ["emr-serverless"] = ("Amazon EMR Serverless", new[] { RR, Sync }, null),
        ["events"] = ("Amazon EventBridge", new[] { RR, Wft }, new[] { "putEvents" }),
        ["glue"] = ("AWS Glue", new[] { RR, Sync }, null),
        ["databrew"] = ("AWS Glue DataBrew", new[] { RR, Sync }, new[] { "startJobRun" }),
        ["http"] = ("HTTP Task", new[] { RR }, new[] { "invoke" }),
        ["mediaconvert"] = ("AWS Elemental MediaConvert", new[] { RR, Sync }, new[] { "createJob" }),
        ["sagemaker"] = ("Amazon SageMaker AI", new[] { RR, Sync }, null),
        ["sns"] = ("Amazon SNS", new[] { RR, Wft }, new[] { "publish" }),
        ["sqs"] = ("Amazon SQS", new[] { RR, Wft }, new[] { "sendMessage" }),
        ["states"] = ("AWS Step Functions", new[] { RR, Sync, SyncV2, Wft }, new[] { "startExecution" }),
    };

    private static string PatternName(string pattern) => pattern switch
    {
        Sync => ".sync",
        SyncV2 => ".sync:2",
        Wft => ".waitForTaskToken",
        _ => "request-response",
    };

    public static void Run(ValidationContext ctx)
    {
        foreach (var state in ctx.States)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var s = state.Spec;
            if (s.Type != StateTypes.Task || s.Resource is null) continue;
            var info = ResourceInfo.Parse(s.Resource);
            var at = At(s, "Resource");
            // C# records the Integration argument of a typed attribute separately: a pattern problem belongs there.
            var patternAt = First(Find(s.FieldLocations, "Resource.IntegrationPattern"), at);
            switch (info.Kind)
            {
                case ResourceKind.NotAnArn:
                    ctx.Report(Rules.ResourceNotAnArn, at, s.Name, Truncate(s.Resource));
                    break;
                case ResourceKind.SdkIntegration when Incomplete(info) is { } missing:
                    ctx.Report(Rules.ResourceIncomplete, at, s.Name, Truncate(s.Resource), missing);
                    break;
                case ResourceKind.ServiceIntegration when Incomplete(info) is { } missing:
                    ctx.Report(Rules.ResourceIncomplete, at, s.Name, Truncate(s.Resource), missing);
                    break;
                case ResourceKind.SdkIntegration:
                    CheckRequiredParameter(ctx, state, info);
                    if (info.Pattern is Sync or SyncV2 && s.Integration is null)
                        ctx.Report(Rules.IntegrationPatternNotSupported, patternAt, s.Name, "aws-sdk:" + info.Action, PatternName(info.Pattern),
                            "an AWS SDK integration", "request-response, .waitForTaskToken");
                    break;
                case ResourceKind.ServiceIntegration:
                    CheckOptimized(ctx, state, info, at);
                    CheckRequiredParameter(ctx, state, info);
                    break;
            }

            if (info.Pattern == Wft) CheckTaskToken(ctx, state, patternAt);
            if (ctx.IsExpress)
            {
                if (info.Pattern is Sync or SyncV2 or Wft)
                    ctx.Report(Rules.ExpressUnsupported, patternAt, s.Name, $"uses the {PatternName(info.Pattern)} integration pattern",
                        "call the service with the request-response pattern and poll, or make the workflow Standard");
                else if (info.Kind == ResourceKind.Activity)
                    ctx.Report(Rules.ExpressUnsupported, at, s.Name, "runs an activity", "use a Lambda function or a service integration, or make the workflow Standard");
            }
        }
    }

    /// <summary>What an integration ARN leaves out ("names no service", ...), or null when it is complete.</summary>
    private static string? Incomplete(ResourceInfo info)
    {
        if (info.Service.Length == 0) return "names no service";
        if (info.Kind != ResourceKind.SdkIntegration) return info.Action.Length == 0 ? "names no action" : null;
        var colon = info.Action.IndexOf(':');
        var service = colon < 0 ? info.Action : info.Action.Substring(0, colon);
        var action = colon < 0 ? "" : info.Action.Substring(colon + 1);
        if (service.Length == 0) return "names no AWS SDK service";
        if (action.Length == 0) return $"names no action of the {service} SDK";
        return null;
    }

    /// <summary>
    /// The parameter a typed integration takes in its constructor ([LambdaInvoke(functionName)]:
    /// FunctionName, Glue's JobName, SNS's TopicArn, SQS's QueueUrl, the crawler's Name) must be a
    /// string when it is given: <c>[LambdaInvoke(null)]</c> writes <c>"FunctionName": null</c>.
    /// </summary>
    private static void CheckRequiredParameter(ValidationContext ctx, StateInfo state, ResourceInfo info)
    {
        var s = state.Spec;
        var field = state.IsJsonata ? "Arguments" : "Parameters";
        if ((state.IsJsonata ? s.Arguments : s.Parameters) is not { IsObject: true } payload) return;
        foreach (var integration in IntegrationCatalog.FindByResourceBase(info.Base))
        {
            if (integration.ConstructorProperty is not { } property) continue;
            var key = integration.Params.FirstOrDefault(p => p.Property == property)?.JsonKey;
            if (key is null) continue;
            foreach (var p in payload.Properties)
            {
                if (p.Name != key || p.Value.IsString) continue;
                var container = First(Find(s.FieldLocations, field + "." + key), At(s, field));
                ctx.Report(Rules.IntegrationParameterInvalid, ctx.AtValue(container, p.Value), field, s.Name, key, KindName(p.Value), info.Base);
            }
            return;
        }
    }

    private static void CheckOptimized(ValidationContext ctx, StateInfo state, ResourceInfo info, SourceRef at)
    {
        var s = state.Spec;
        if (!Optimized.TryGetValue(info.Service, out var entry))
        {
            var suggestion = GraphRules.Suggest(info.Service, Optimized.Keys.Concat(new[] { "aws-sdk" }));
            ctx.Report(Rules.UnknownServiceIntegration, at, s.Name, info.Base, suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
            return;
        }
        if (entry.Actions is { } actions && Array.IndexOf(actions, info.Action) < 0)
        {
            var suggestion = GraphRules.Suggest(info.Action, actions);
            ctx.Report(Rules.UnknownServiceIntegration, at, s.Name, info.Base,
                $" ({entry.DisplayName} offers " + string.Join(", ", actions.Select(a => info.Service + ":" + a)) + (suggestion is null ? "" : $"; did you mean '{info.Service}:{suggestion}'?") + ")");
            return;
        }
        // Typed integrations ([LambdaInvoke(Integration = ...)]) are checked on the attribute (FLOW0009).
        if (s.Integration is not null) return;
        if (Array.IndexOf(entry.Patterns, info.Pattern) < 0)
            ctx.Report(Rules.IntegrationPatternNotSupported, at, s.Name, info.Base, PatternName(info.Pattern), entry.DisplayName,
                string.Join(", ", entry.Patterns.Select(PatternName)));
    }

    private static void CheckTaskToken(ValidationContext ctx, StateInfo state, SourceRef at)
    {
        var s = state.Spec;
        var payload = state.IsJsonata ? s.Arguments : s.Parameters;
        var field = state.IsJsonata ? "Arguments" : "Parameters";
        if (payload is not null && MentionsTaskToken(payload)) return;
        ctx.Report(Rules.TaskTokenNotPassed, payload is null ? at : First(Find(s.FieldLocations, field), at), s.Name, field,
            state.IsJsonata ? "{% $states.context.Task.Token %}" : "\"$$.Task.Token\" (for example \"TaskToken.$\": \"$$.Task.Token\")");
    }

    private static bool MentionsTaskToken(JsonValue value)
    {
        var stack = new Stack<JsonValue>();
        stack.Push(value);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (v.IsString && v.Text!.IndexOf("Task.Token", StringComparison.Ordinal) >= 0) return true;
            foreach (var item in v.Items) stack.Push(item);
            foreach (var p in v.Properties) stack.Push(p.Value);
        }
        return false;
    }
}
