using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Flowstate.Core.Conditions;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Core.Deployment;

/// <summary>
/// One Allow statement of a state machine's role. Actions are IAM action names (service prefix and the
/// action as the Service Authorization Reference spells it); resources are "*" or ARNs in CloudFormation
/// Fn::Sub syntax: ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}, and the definition's own
/// ${Placeholder}s kept as written (the template maps each to what it stands for).
/// </summary>
public sealed record IamStatement(EquatableArray<string> Actions, EquatableArray<string> Resources, JsonValue? Condition = null);

/// <summary>Options of <see cref="IamDerivation.Analyze"/>.</summary>
public sealed class IamOptions
{
    public static readonly IamOptions Default = new();

    /// <summary>
    /// The deployed name of the machine (StateMachineName), for a distributed Map, which starts child
    /// executions of its own machine; null means the spec's Name.
    /// </summary>
    public string? MachineName { get; init; }

    /// <summary>
    /// The override hook: IAM actions for an SDK action, keyed "service:action" as the resource writes it
    /// ("s3:listBuckets", "redshiftdata:executeStatement"). Replaces the table's (or the guessed) actions.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? SdkActionOverrides { get; init; }

    /// <summary>Places findings on the characters inside JSON payloads (see <see cref="ValidationOptions.JsonLocations"/>).</summary>
    public JsonLocationResolver? JsonLocations { get; init; }
}

/// <summary>The statements (deterministic order) and the findings (FLOW7120-7122) of a derivation.</summary>
public sealed record IamDerivationResult(EquatableArray<IamStatement> Statements, EquatableArray<DiagnosticInfo> Findings);

/// <summary>
/// Least-privilege role statements derived from a machine's Task states (every scope: Parallel branches,
/// Map processors), following the table in deploy-facts.md §1 (CDK's task policies and
/// serverless-step-functions' iamStrategies). Where the two anchors differ, the choice and its reason are
/// written at the integration below; the rule is: the smallest set that the integration pattern
/// actually uses, scoped to the resource the Task names, "*" only when the resource is known only at run
/// time (a '.$' key, a JSONata value), and then a FLOW7120 finding on that argument.
/// Logging and X-Ray are not derived from Tasks: <see cref="LoggingActions"/> and <see cref="TracingActions"/>
/// are the tables the template writer uses for them.
/// </summary>
public static class IamDerivation
{
    private const string Partition = "${AWS::Partition}";
    private const string Region = "${AWS::Region}";
    private const string Account = "${AWS::AccountId}";

    /// <summary>What logging to CloudWatch Logs needs (on "*": log deliveries are not resource-scoped). CDK buildLoggingConfiguration and sls agree.</summary>
    public static readonly EquatableArray<string> LoggingActions = EquatableArray.Create(
        "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
        "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery");

    /// <summary>What X-Ray tracing needs (on "*"). CDK buildTracingConfiguration and sls agree.</summary>
    public static readonly EquatableArray<string> TracingActions = EquatableArray.Create(
        "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments");

    /// <summary>The managed EventBridge rules .sync integrations create (exact names: "Event" is singular for EMR and CodeBuild).</summary>
    public static class ManagedRules
    {
        public const string EcsTask = "StepFunctionsGetEventsForECSTaskRule";
        public const string BatchJobs = "StepFunctionsGetEventsForBatchJobsRule";
        public const string StepFunctionsExecution = "StepFunctionsGetEventsForStepFunctionsExecutionRule";
        public const string EmrRunJobFlow = "StepFunctionsGetEventForEMRRunJobFlowRule";
        public const string EmrAddJobFlowSteps = "StepFunctionsGetEventForEMRAddJobFlowStepsRule";
        public const string EmrTerminateJobFlows = "StepFunctionsGetEventForEMRTerminateJobFlowsRule";
        public const string CodeBuildStartBuild = "StepFunctionsGetEventForCodeBuildStartBuildRule";
        public const string SageMakerTransformJobs = "StepFunctionsGetEventsForSageMakerTransformJobsRule";
    }

    /// <summary>
    /// SDK service name (as in aws-sdk:&lt;service&gt;:...) to IAM prefix, where they differ. From CDK's
    /// AWS_SDK_IAM_SERVICE_MAP (deploy-facts.md §1.4); every other service's prefix is its name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SdkServiceIamPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accessanalyzer"] = "access-analyzer",
        ["acmpca"] = "acm-pca",
        ["amp"] = "aps",
        ["bedrockagent"] = "bedrock",
        ["bedrockagentruntime"] = "bedrock",
        ["bedrockdataautomation"] = "bedrock",
        ["bedrockdataautomationruntime"] = "bedrock",
        ["bedrockruntime"] = "bedrock",
        ["cloudwatchlogs"] = "logs",
        ["cognitoidentityprovider"] = "cognito-idp",
        ["costexplorer"] = "ce",
        ["databasemigration"] = "dms",
        ["directory"] = "ds",
        ["docdb"] = "rds",
        ["dynamodbstreams"] = "dynamodb",
        ["efs"] = "elasticfilesystem",
        ["elasticloadbalancingv2"] = "elasticloadbalancing",
        ["elasticsearch"] = "es",
        ["emr"] = "elasticmapreduce",
        ["emrcontainers"] = "emr-containers",
        ["emrserverless"] = "emr-serverless",
        ["eventbridge"] = "events",
        ["location"] = "geo",
        ["mailmanager"] = "ses",
        ["mediapackagevod"] = "mediapackage-vod",
        ["mwaa"] = "airflow",
        ["neptune"] = "rds",
        ["opensearch"] = "es",
        ["opensearchserverless"] = "aoss",
        ["pinpoint"] = "mobiletargeting",
        ["pinpointemail"] = "ses",
        ["rdsdata"] = "rds-data",
        ["redshiftdata"] = "redshift-data",
        ["s3control"] = "s3",
        ["sagemakerruntime"] = "sagemaker",
        ["sesv2"] = "ses",
        ["sfn"] = "states",
        ["ssoadmin"] = "sso",
        ["timestreamquery"] = "timestream",
        ["timestreamwrite"] = "timestream",
        ["wafregional"] = "waf-regional",
    };

    /// <summary>
    /// SDK actions whose IAM actions are not "&lt;prefix&gt;:&lt;Action&gt;" (keys "service:action" as in
    /// the resource). Sources: the Service Authorization Reference (e.g. ListObjectsV2 is authorized by
    /// s3:ListBucket, CopyObject reads the source and writes the target), CDK's README (listBuckets).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> SdkActionExceptions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["s3:copyObject"] = new[] { "s3:GetObject", "s3:PutObject" },
        ["s3:listBuckets"] = new[] { "s3:ListAllMyBuckets" },
        ["s3:listObjects"] = new[] { "s3:ListBucket" },
        ["s3:listObjectsV2"] = new[] { "s3:ListBucket" },
        ["s3:listObjectVersions"] = new[] { "s3:ListBucketVersions" },
        ["s3:headObject"] = new[] { "s3:GetObject" },
        ["s3:headBucket"] = new[] { "s3:ListBucket" },
        ["s3:deleteObjects"] = new[] { "s3:DeleteObject" },
        ["s3:createMultipartUpload"] = new[] { "s3:PutObject" },
        ["s3:uploadPart"] = new[] { "s3:PutObject" },
        ["s3:completeMultipartUpload"] = new[] { "s3:PutObject" },
        ["s3:listMultipartUploads"] = new[] { "s3:ListBucketMultipartUploads" },
        ["s3:listParts"] = new[] { "s3:ListMultipartUploadParts" },
        ["lambda:invoke"] = new[] { "lambda:InvokeFunction" },
        ["lambda:invokeAsync"] = new[] { "lambda:InvokeFunction" },
        ["dynamodb:transactGetItems"] = new[] { "dynamodb:GetItem" },
        ["dynamodb:transactWriteItems"] = new[] { "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem" },
        ["sfn:startSyncExecution"] = new[] { "states:StartSyncExecution" },
    };

    /// <summary>Derives the statements and findings of every Task state of <paramref name="machine"/>. Never throws on any model.</summary>
    public static IamDerivationResult Analyze(StateMachineSpec machine, IamOptions? options = null, CancellationToken cancellationToken = default)
    {
        var d = Run(machine, options, cancellationToken);
        return new IamDerivationResult(Normalize(d.Statements), d.Findings.ToEquatableArray());
    }

    /// <summary>
    /// The findings of <see cref="Analyze"/> only (the analyzer's FLOW7120-7122), without putting the
    /// statements into their deterministic form, which nothing reads there.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Findings(StateMachineSpec machine, IamOptions? options = null, CancellationToken cancellationToken = default)
        => Run(machine, options, cancellationToken).Findings.ToEquatableArray();

    private static Deriver Run(StateMachineSpec machine, IamOptions? options, CancellationToken cancellationToken)
    {
        var o = options ?? IamOptions.Default;
        var d = new Deriver(machine, o);
        var pending = new Stack<ScopeSpec>();
        pending.Push(machine.Root);
        var scopes = new List<ScopeSpec>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scope = pending.Pop();
            scopes.Add(scope);
            foreach (var state in scope.States)
            {
                if (state.Branches is { } branches)
                    for (var i = branches.Count - 1; i >= 0; i--) pending.Push(branches[i]);
                if (state.Processor is { } processor) pending.Push(processor);
            }
        }
        foreach (var scope in scopes)
        {
            foreach (var state in scope.States)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (state.Type == StateTypes.Task) d.Task(state);
                else if (state.Type == StateTypes.Map) d.Map(state);
            }
        }
        return d;
    }

    /// <summary>The statements only (what the template writer puts in the role).</summary>
    public static EquatableArray<IamStatement> Derive(StateMachineSpec machine, IamOptions? options = null) => Analyze(machine, options).Statements;

    /// <summary>
    /// Deterministic form: actions and resources deduplicated and sorted ordinally ("*" absorbs the others),
    /// statements with the same actions and condition merged, then sorted by actions, resources, condition.
    /// </summary>
    private static EquatableArray<IamStatement> Normalize(List<IamStatement> statements)
    {
        var merged = new List<(string[] Actions, SortedSet<string> Resources, JsonValue? Condition)>();
        foreach (var s in statements)
        {
            var actions = s.Actions.Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToArray();
            var existing = merged.FindIndex(m => m.Actions.SequenceEqual(actions, StringComparer.Ordinal) && Equals(m.Condition, s.Condition));
            if (existing < 0)
            {
                merged.Add((actions, new SortedSet<string>(s.Resources, StringComparer.Ordinal), s.Condition));
            }
            else
            {
                foreach (var r in s.Resources) merged[existing].Resources.Add(r);
            }
        }
        return merged
            .Select(m => new IamStatement(m.Actions.ToEquatableArray(), (m.Resources.Contains("*") ? new[] { "*" } : m.Resources.ToArray()).ToEquatableArray(), m.Condition))
            .OrderBy(s => string.Join(",", s.Actions), StringComparer.Ordinal)
            .ThenBy(s => string.Join(",", s.Resources), StringComparer.Ordinal)
            .ThenBy(s => s.Condition?.ToString() ?? "", StringComparer.Ordinal)
            .ToEquatableArray();
    }

    /// <summary>Upper-cases the first letter: the IAM spelling of an SDK action ("getObject" -> "GetObject").</summary>
    public static string IamActionName(string sdkAction)
        => sdkAction.Length == 0 ? sdkAction : char.ToUpperInvariant(sdkAction[0]) + sdkAction.Substring(1);

    /// <summary>The IAM actions of an SDK task, "service:action" as in the resource, and whether they come from a table (false: guessed).</summary>
    public static (string[] Actions, bool Known) SdkIamActions(string service, string action, IamOptions? options = null)
    {
        var key = service + ":" + action;
        if (options?.SdkActionOverrides is { } overrides && overrides.TryGetValue(key, out var custom)) return (custom.ToArray(), true);
        if (SdkActionExceptions.TryGetValue(key, out var known)) return (known, true);
        var prefix = SdkServiceIamPrefixes.TryGetValue(service, out var p) ? p : service;
        return (new[] { prefix + ":" + IamActionName(action) }, KnownSdkServices.Contains(service));
    }

    /// <summary>
    /// Services whose API operations are authorized as "&lt;prefix&gt;:&lt;Operation&gt;" for every operation
    /// Flowstate's users call (CDK's map lists only such services, plus those whose prefix equals the name);
    /// an SDK task on any other service gets a FLOW7121 finding asking to check the guessed action.
    /// </summary>
    private static readonly HashSet<string> KnownSdkServices = new(StringComparer.Ordinal)
    {
        "athena", "batch", "cloudwatch", "cloudwatchlogs", "codebuild", "dynamodb", "ec2", "ecs", "eks", "emr", "emrcontainers", "emrserverless",
        "eventbridge", "firehose", "glue", "kinesis", "kms", "lambda", "rds", "rdsdata", "redshift", "redshiftdata", "s3", "sagemaker", "scheduler",
        "secretsmanager", "sesv2", "sfn", "sns", "sqs", "ssm", "sts", "bedrock", "bedrockruntime", "bedrockagentruntime", "mwaa", "efs", "textract", "comprehend", "translate",
    };

    // ---------------------------------------------------------------------------------------------

    private sealed class Deriver
    {
        private readonly StateMachineSpec _machine;
        private readonly IamOptions _options;

        public Deriver(StateMachineSpec machine, IamOptions options)
        {
            _machine = machine;
            _options = options;
        }

        public List<IamStatement> Statements { get; } = new();
        public List<DiagnosticInfo> Findings { get; } = new();

        private StateSpec _state = null!;
        private JsonValue? _payload;
        private string _payloadField = "Parameters";

        private void Allow(IEnumerable<string> actions, IEnumerable<string> resources, JsonValue? condition = null)
            => Statements.Add(new IamStatement(actions.ToEquatableArray(), resources.ToEquatableArray(), condition));

        private void Allow(string action, params string[] resources) => Allow(new[] { action }, resources);

        private static string Arn(string service, string resource, bool region = true, bool account = true)
            => "arn:" + Partition + ":" + service + ":" + (region ? Region : "") + ":" + (account ? Account : "") + ":" + resource;

        private void Events(string rule)
            => Allow(new[] { "events:DescribeRule", "events:PutRule", "events:PutTargets" }, new[] { Arn("events", "rule/" + rule) });

        // ---- payload access ----

        /// <summary>A payload value: absent, a literal string, or known only at run time (the key with '.$', a JSONata string, a non-string).</summary>
        private readonly struct Value
        {
            public Value(string? text, bool dynamic, JsonProperty? property)
            {
                Text = text;
                IsDynamic = dynamic;
                Property = property;
            }

            public string? Text { get; }
            public bool IsDynamic { get; }
            public JsonProperty? Property { get; }
            public bool IsAbsent => Text is null && !IsDynamic;
        }

        private Value Get(JsonValue? obj, string key)
        {
            if (obj is null || !obj.IsObject) return default;
            foreach (var p in obj.Properties)
            {
                if (p.Name == key + ".$") return new Value(null, true, p);
                if (p.Name == key)
                {
                    if (p.Value.IsString && !ConditionSyntax.IsJsonata(p.Value.Text!)) return new Value(p.Value.Text, false, p);
                    return p.Value.IsString ? new Value(null, true, p) : new Value(null, !p.Value.IsObject && !p.Value.IsArray && !p.Value.IsNull, p);
                }
            }
            return default;
        }

        private JsonValue? GetObject(JsonValue? obj, string key)
        {
            if (obj is null || !obj.IsObject) return null;
            foreach (var p in obj.Properties)
                if (p.Name == key && p.Value.IsObject) return p.Value;
            return null;
        }

        private bool HasDynamic(JsonValue? obj, string key)
        {
            if (obj is null || !obj.IsObject) return false;
            foreach (var p in obj.Properties)
                if (p.Name == key + ".$" || (p.Name == key && p.Value.IsString && ConditionSyntax.IsJsonata(p.Value.Text!))) return true;
            return false;
        }

        /// <summary>A resource from a value: <paramref name="build"/> of the literal, or "*" (with a FLOW7120 finding) when it is dynamic or missing.</summary>
        private string Resource(Value v, string what, Func<string, string> build, string? whenAbsent = null)
        {
            if (v.Text is { } text) return build(text);
            if (v.IsAbsent && whenAbsent is not null) return whenAbsent;
            Widened(v, what);
            return "*";
        }

        private void Widened(Value v, string what)
        {
            var key = v.Property?.Name;
            var message = v.IsDynamic
                ? $"{what} of Task '{_state.Name}' is given at run time ({key}), so its role allows the action on every resource (\"*\"); give it as a value or a ${{Placeholder}} to scope the permission, or add the statement yourself"
                : $"{what} of Task '{_state.Name}' is not given, so its role allows the action on every resource (\"*\"); set it to scope the permission";
            Findings.Add(new DiagnosticInfo(DiagnosticIds.IamResourceWidened, Where(v.Property), EquatableArray.Create(message)));
        }

        private SourceRef Where(JsonProperty? property)
        {
            var field = ValidationContext.At(_state, _payloadField);
            if (property is { } p)
            {
                var typed = ValidationContext.Find(_state.FieldLocations, _payloadField + "." + p.Name);
                if (typed.IsKnown) return typed;
                if (p.NameOffset >= 0 && _options.JsonLocations is { } resolve && resolve(field, p.NameOffset, p.NameLength) is { IsKnown: true } at) return at;
            }
            return field.IsKnown ? field : _state.Location;
        }

        private void Finding(string id, string message, JsonProperty? at = null)
            => Findings.Add(new DiagnosticInfo(id, at is null ? ValidationContext.At(_state, "Resource") : Where(at), EquatableArray.Create(message)));

        // ---- states ----

        public void Map(StateSpec state)
        {
            // A distributed Map starts child executions of its own machine and reads/writes S3 for
            // ItemReader/ResultWriter (AWS "IAM policies for using Distributed Map states").
            _state = state;
            _payloadField = "ItemReader";
            var config = state.Processor?.ProcessorConfig;
            var mode = config is { IsObject: true } && config["Mode"] is { IsString: true } m ? m.Text : null;
            if (mode != "DISTRIBUTED") return;
            var name = _options.MachineName ?? _machine.Name;
            Allow(new[] { "states:StartExecution" }, new[] { Arn("states", "stateMachine:" + name) });
            Allow(new[] { "states:DescribeExecution", "states:StopExecution" }, new[] { Arn("states", "execution:" + name + "/*") });
            if (state.ItemReader is { IsObject: true } reader && reader["Resource"] is { IsString: true } readerResource)
                S3(readerResource.Text!, reader["Parameters"] ?? reader["Arguments"], "ItemReader");
            if (state.ResultWriter is { IsObject: true } writer && writer["Resource"] is { IsString: true } writerResource)
                S3(writerResource.Text!, writer["Parameters"] ?? writer["Arguments"], "ResultWriter");
        }

        private void S3(string resource, JsonValue? parameters, string field)
        {
            _payloadField = field;
            _payload = parameters;
            if (!TrySplit(resource, out var serviceBase, out _)) return;
            var parts = serviceBase.Split(':');
            if (parts.Length == 2 && parts[0] == "s3") Sdk("s3", parts[1]);
            else if (parts.Length == 3 && parts[0] == "aws-sdk" && parts[1] == "s3") Sdk("s3", parts[2]);
        }

        public void Task(StateSpec state)
        {
            _state = state;
            _payloadField = state.Parameters is not null || state.Arguments is null ? "Parameters" : "Arguments";
            _payload = state.Parameters ?? state.Arguments;
            var resource = state.Resource;
            if (resource is null) return;
            if (!TrySplit(resource, out var serviceBase, out var pattern))
            {
                Direct(resource);
                return;
            }
            var sync = pattern is IntegrationCatalog.Sync or IntegrationCatalog.SyncV2;
            switch (serviceBase)
            {
                case "lambda:invoke": Lambda(); return;
                case "glue:startJobRun": Glue(sync); return;
                case "sns:publish": Sns(); return;
                case "sqs:sendMessage": Sqs(); return;
                case "dynamodb:getItem": Dynamo("dynamodb:GetItem"); return;
                case "dynamodb:putItem": Dynamo("dynamodb:PutItem"); return;
                case "dynamodb:updateItem": Dynamo("dynamodb:UpdateItem"); return;
                case "dynamodb:deleteItem": Dynamo("dynamodb:DeleteItem"); return;
                case "athena:startQueryExecution": Athena(sync); return;
                case "athena:stopQueryExecution": AthenaSimple("athena:StopQueryExecution"); return;
                case "athena:getQueryExecution": AthenaSimple("athena:GetQueryExecution"); return;
                case "athena:getQueryResults": AthenaSimple("athena:GetQueryResults"); return;
                case "elasticmapreduce:createCluster": EmrCreateCluster(sync); return;
                case "elasticmapreduce:addStep": EmrCluster(sync ? new[] { "elasticmapreduce:AddJobFlowSteps", "elasticmapreduce:CancelSteps", "elasticmapreduce:DescribeStep" } : new[] { "elasticmapreduce:AddJobFlowSteps" }, sync ? ManagedRules.EmrAddJobFlowSteps : null); return;
                case "elasticmapreduce:terminateCluster": EmrCluster(sync ? new[] { "elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows" } : new[] { "elasticmapreduce:TerminateJobFlows" }, sync ? ManagedRules.EmrTerminateJobFlows : null); return;
                case "elasticmapreduce:cancelStep": EmrCluster(new[] { "elasticmapreduce:CancelSteps" }, null); return;
                case "elasticmapreduce:setClusterTerminationProtection": EmrCluster(new[] { "elasticmapreduce:SetTerminationProtection" }, null); return;
                case "ecs:runTask": Ecs(sync); return;
                case "batch:submitJob": Batch(sync); return;
                case "states:startExecution": StartExecution(sync); return;
                case "events:putEvents": PutEvents(); return;
                case "http:invoke": Http(); return;
                case "codebuild:startBuild": CodeBuild(sync); return;
                case "sagemaker:createTransformJob": SageMakerTransform(sync); return;
                case "bedrock:invokeModel": Bedrock(); return;
                case "s3:getObject": Sdk("s3", "getObject"); return;
                case "s3:putObject": Sdk("s3", "putObject"); return;
                case "s3:listObjectsV2": Sdk("s3", "listObjectsV2"); return;
            }
            if (serviceBase.StartsWith("aws-sdk:", StringComparison.Ordinal))
            {
                var parts = serviceBase.Split(':');
                if (parts.Length == 3 && parts[1].Length > 0 && parts[2].Length > 0)
                {
                    Sdk(parts[1], parts[2]);
                    return;
                }
            }
            Finding(DiagnosticIds.IamNotDerived,
                $"Flowstate does not know which IAM permissions the integration '{serviceBase}' of Task '{state.Name}' needs, so its role gets none for it; add a [RolePolicyStatement] with them");
        }

        /// <summary>Resource ARNs of Step Functions' optimized and SDK integrations in any partition ("arn:aws-cn:states:::...", "arn:${AWS::Partition}:states:::...").</summary>
        private static bool TrySplit(string resource, out string serviceBase, out string pattern)
        {
            serviceBase = "";
            pattern = IntegrationCatalog.RequestResponse;
            var normalized = resource;
            foreach (var prefix in new[] { "arn:aws-cn:states:::", "arn:aws-us-gov:states:::", "arn:${AWS::Partition}:states:::", "arn:${Partition}:states:::" })
                if (resource.StartsWith(prefix, StringComparison.Ordinal)) normalized = IntegrationCatalog.ServiceArnPrefix + resource.Substring(prefix.Length);
            return IntegrationCatalog.TrySplitResource(normalized, out serviceBase, out pattern);
        }

        /// <summary>A Task whose Resource is not an integration ARN: a Lambda function ARN (legacy form), an activity, or a placeholder.</summary>
        private void Direct(string resource)
        {
            var parts = resource.Split(':');
            if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
            {
                Allow("lambda:InvokeFunction", resource);
                return;
            }
            if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "activity")
                return; // an activity's worker polls it with its own credentials: the machine's role needs nothing
            Finding(DiagnosticIds.IamNotDerived,
                $"The Resource '{resource}' of Task '{_state.Name}' is not an ARN Flowstate can read (a placeholder may stand for a Lambda function, an activity or an integration), so its role gets no permission for it; use a typed integration such as [LambdaInvoke], or add a [RolePolicyStatement]");
        }

        // ---- Lambda ----

        // lambda:invoke (+ .waitForTaskToken). CDK and sls agree: an unqualified function gets
        // [arn, arn:*] (every version and alias), a qualified one (name:alias, ARN with a version) only itself.
        private void Lambda()
        {
            var v = Get(_payload, "FunctionName");
            if (v.Text is not { } name)
            {
                Widened(v, "FunctionName");
                Allow("lambda:InvokeFunction", "*");
                return;
            }
            Allow("lambda:InvokeFunction", LambdaArns(name));
        }

        private static string[] LambdaArns(string name)
        {
            string arn;
            bool qualified;
            if (name.StartsWith("arn:", StringComparison.Ordinal))
            {
                arn = name;
                qualified = name.Split(':').Length >= 8;
            }
            else if (IsWholePlaceholder(name))
            {
                // ${ExtractFunctionArn} stands for an ARN (the template's parameter of that name); any other
                // placeholder is taken as a function name. An unqualified ARN is the usual case.
                var inner = name.Substring(2, name.Length - 3);
                arn = inner.EndsWith("Arn", StringComparison.OrdinalIgnoreCase) ? name : Arn("lambda", "function:" + name);
                qualified = false;
            }
            else
            {
                // name, name:qualifier, or account:function:name (partial ARN)
                var parts = name.Split(':');
                if (parts.Length >= 3 && parts[1] == "function")
                {
                    arn = "arn:" + Partition + ":lambda:" + Region + ":" + name;
                    qualified = parts.Length >= 4;
                }
                else
                {
                    arn = Arn("lambda", "function:" + name);
                    qualified = parts.Length >= 2;
                }
            }
            return qualified ? new[] { arn } : new[] { arn, arn + ":*" };
        }

        private static bool IsWholePlaceholder(string s)
            => s.Length > 3 && s.StartsWith("${", StringComparison.Ordinal) && s.EndsWith("}", StringComparison.Ordinal) && s.IndexOf('}') == s.Length - 1;

        // ---- Glue ----

        // glue:startJobRun(.sync). CDK scopes to the job ARN; sls and the AWS doc template use "*" ("AWS Glue
        // does not have resource-based control" is about resource policies: StartJobRun does authorize the
        // job resource type). Flowstate follows CDK: least privilege. .sync adds the polling actions.
        private void Glue(bool sync)
        {
            var job = Resource(Get(_payload, "JobName"), "JobName", n => Arn("glue", "job/" + n));
            Allow(sync ? new[] { "glue:BatchStopJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:StartJobRun" } : new[] { "glue:StartJobRun" }, new[] { job });
        }

        // ---- SNS, SQS ----

        private void Sns()
        {
            var topic = Get(_payload, "TopicArn");
            if (topic.IsAbsent && (!Get(_payload, "TargetArn").IsAbsent || !Get(_payload, "PhoneNumber").IsAbsent))
                topic = Get(_payload, "TargetArn");
            Allow("sns:Publish", Resource(topic, "TopicArn", t => t));
        }

        // sqs:sendMessage: the queue ARN from its URL (sls sqsQueueUrlToArn). CDK also grants kms:Decrypt and
        // kms:GenerateDataKey* on an encrypted queue's key: the key is not part of the definition, so a
        // KMS-encrypted queue needs a [RolePolicyStatement] (documented).
        private void Sqs()
        {
            var v = Get(_payload, "QueueUrl");
            if (v.Text is { } url)
            {
                var arn = QueueArn(url);
                if (arn is null)
                {
                    Findings.Add(new DiagnosticInfo(DiagnosticIds.IamResourceWidened, Where(v.Property), EquatableArray.Create(
                        $"The QueueUrl '{url}' of Task '{_state.Name}' cannot be turned into a queue ARN, so its role allows sqs:SendMessage on every queue (\"*\"); write the URL as https://sqs.<region>.amazonaws.com/<account>/<queue>, or a placeholder per part")));
                    Allow("sqs:SendMessage", "*");
                }
                else
                {
                    Allow("sqs:SendMessage", arn);
                }
                return;
            }
            Widened(v, "QueueUrl");
            Allow("sqs:SendMessage", "*");
        }

        /// <summary>https://sqs.R.amazonaws.com/A/name (or https://queue.amazonaws.com/A/name) -> arn:P:sqs:R:A:name; null for anything else.</summary>
        internal static string? QueueArn(string url)
        {
            const string scheme = "https://";
            if (!url.StartsWith(scheme, StringComparison.Ordinal)) return null;
            var rest = url.Substring(scheme.Length).Split('/');
            if (rest.Length != 3 || rest[1].Length == 0 || rest[2].Length == 0) return null;
            var host = rest[0].Split('.');
            string region;
            if (host.Length >= 4 && host[0] == "sqs") region = host[1];
            else if (rest[0] == "queue.amazonaws.com") region = "us-east-1";
            else return null;
            return "arn:" + Partition + ":sqs:" + region + ":" + rest[1] + ":" + rest[2];
        }

        // ---- DynamoDB ----

        private void Dynamo(string action)
        {
            var table = Get(_payload, "TableName");
            Allow(action, Resource(table, "TableName", TableArn));
        }

        private static string TableArn(string name) => name.StartsWith("arn:", StringComparison.Ordinal) ? name : Arn("dynamodb", "table/" + name);

        // ---- Athena ----

        // athena:startQueryExecution(.sync): CDK's policy (same for both patterns) - the query runs with the
        // caller's identity, so the role also needs the Glue catalog, the S3 data and result location and
        // Lake Formation. Flowstate follows CDK and adds athena:StopQueryExecution for .sync (sls has it):
        // stopping the execution stops the query.
        private void Athena(bool sync)
        {
            var context = GetObject(_payload, "QueryExecutionContext");
            var catalog = Get(context, "Catalog");
            var database = Get(context, "Database");
            var workGroup = Get(_payload, "WorkGroup");
            var athenaActions = new List<string> { "athena:GetDataCatalog", "athena:GetQueryExecution", "athena:StartQueryExecution" };
            if (sync) athenaActions.Add("athena:StopQueryExecution");
            Allow(athenaActions, new[]
            {
                Resource(catalog, "QueryExecutionContext.Catalog", c => Arn("athena", "datacatalog/" + c), Arn("athena", "datacatalog/AwsDataCatalog")),
                Resource(workGroup, "WorkGroup", w => Arn("athena", "workgroup/" + w), Arn("athena", "workgroup/primary")),
            });
            Allow(new[] { "s3:CreateBucket", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket" }, new[] { "*" });
            var output = Get(GetObject(_payload, "ResultConfiguration"), "OutputLocation");
            var outputArn = output.Text is { } location && S3Location(location) is { } loc ? loc : "*";
            Allow(new[] { "s3:AbortMultipartUpload", "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:PutObject" }, new[] { outputArn });
            Allow("lakeformation:GetDataAccess", "*");
            var db = database.Text ?? (database.IsAbsent ? "default" : null);
            Allow(AthenaGlueActions, db is null
                ? new[] { "*" }
                : new[] { Arn("glue", "catalog"), Arn("glue", "database/" + db), Arn("glue", "table/" + db + "/*"), Arn("glue", "userDefinedFunction/" + db + "/*") });
        }

        private static readonly string[] AthenaGlueActions =
        {
            "glue:BatchCreatePartition", "glue:BatchDeletePartition", "glue:BatchDeleteTable", "glue:BatchGetPartition",
            "glue:CreateDatabase", "glue:CreatePartition", "glue:CreateTable", "glue:DeleteDatabase", "glue:DeletePartition",
            "glue:DeleteTable", "glue:GetDatabase", "glue:GetDatabases", "glue:GetPartition", "glue:GetPartitions",
            "glue:GetTable", "glue:GetTables", "glue:UpdateDatabase", "glue:UpdatePartition", "glue:UpdateTable",
        };

        /// <summary>s3://bucket/prefix/ -> arn:P:s3:::bucket/prefix/*; null when it is not an s3:// URL.</summary>
        private static string? S3Location(string url)
        {
            if (!url.StartsWith("s3://", StringComparison.Ordinal)) return null;
            var rest = url.Substring(5).TrimEnd('/');
            if (rest.Length == 0) return null;
            return "arn:" + Partition + ":s3:::" + rest + "/*";
        }

        // Athena's query-management actions are not resource-scoped by workgroup name in the Task (the query id
        // is the input), so the workgroup of the machine's queries is unknown: "*" (sls does the same).
        private void AthenaSimple(string action) => Allow(action, "*");

        // ---- EMR ----

        // elasticmapreduce:createCluster(.sync). CDK (which AWS's doc template matches) vs sls: sls grants no
        // events rule for .sync, but Step Functions creates StepFunctionsGetEventForEMRRunJobFlowRule to learn
        // that the cluster is up: Flowstate follows CDK. The request-response pattern needs only RunJobFlow
        // (sls); CDK grants the .sync set for both - Flowstate grants per pattern. PassRole on the service
        // role and the instance role (JobFlowRole names an instance profile; EMR's default profiles carry
        // their role's name, which Flowstate assumes). CDK's service-linked-role statement for the EMR
        // cleanup role is kept, with its condition.
        private void EmrCreateCluster(bool sync)
        {
            Allow(sync ? new[] { "elasticmapreduce:DescribeCluster", "elasticmapreduce:RunJobFlow", "elasticmapreduce:TerminateJobFlows" } : new[] { "elasticmapreduce:RunJobFlow" }, new[] { "*" });
            var roles = new List<string>();
            foreach (var key in new[] { "ServiceRole", "JobFlowRole", "AutoScalingRole" })
            {
                var v = Get(_payload, key);
                if (v.IsAbsent) continue;
                roles.Add(Resource(v, key, r => r.StartsWith("arn:", StringComparison.Ordinal) ? r : "arn:" + Partition + ":iam::" + Account + ":role/" + r));
            }
            if (roles.Count > 0) Allow("iam:PassRole", roles.ToArray());
            Allow(new[] { "iam:CreateServiceLinkedRole" },
                new[] { "arn:" + Partition + ":iam::" + Account + ":role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*" },
                JsonValue.Object(new[]
                {
                    new JsonProperty("StringEquals", JsonValue.Object(new[]
                    {
                        new JsonProperty("iam:AWSServiceName", JsonValue.Array(new[] { JsonValue.String("elasticmapreduce.amazonaws.com"), JsonValue.String("elasticmapreduce.amazonaws.com.cn") })),
                    })),
                }));
            if (_payload is { IsObject: true } p && p.Properties.Any(x => x.Name is "Tags" or "Tags.$"))
                Allow("elasticmapreduce:AddTags", Arn("elasticmapreduce", "cluster/*"));
            if (sync) Events(ManagedRules.EmrRunJobFlow);
        }

        private void EmrCluster(string[] actions, string? rule)
        {
            var cluster = Resource(Get(_payload, "ClusterId"), "ClusterId", id => Arn("elasticmapreduce", "cluster/" + id));
            Allow(actions, new[] { cluster });
            if (rule is not null) Events(rule);
        }

        // ---- ECS ----

        // ecs:runTask(.sync|.waitForTaskToken). RunTask on the task definition family (every revision: CDK's
        // default; its feature flag pins one revision). Stop/DescribeTasks and the events rule only for .sync
        // (CDK; sls grants them for every pattern). iam:PassRole: the task and execution roles live in the task
        // definition, not in the Task, so Flowstate grants PassRole on "*" but only towards ECS tasks
        // (condition iam:PassedToService) - narrower than sls's unconditioned "*".
        private void Ecs(bool sync)
        {
            var definition = Resource(Get(_payload, "TaskDefinition"), "TaskDefinition", TaskDefinitionArn);
            Allow("ecs:RunTask", definition);
            if (sync)
            {
                Allow(new[] { "ecs:DescribeTasks", "ecs:StopTask" }, new[] { "*" });
                Events(ManagedRules.EcsTask);
            }
            Allow(new[] { "iam:PassRole" }, new[] { "*" }, JsonValue.Object(new[]
            {
                new JsonProperty("StringEquals", JsonValue.Object(new[] { new JsonProperty("iam:PassedToService", JsonValue.String("ecs-tasks.amazonaws.com")) })),
            }));
        }

        private static string TaskDefinitionArn(string value)
        {
            if (value.StartsWith("arn:", StringComparison.Ordinal))
            {
                var slash = value.LastIndexOf('/');
                var family = slash < 0 ? value : value.Substring(0, value.IndexOf(':', slash) is var c && c > 0 ? c : value.Length);
                return family + ":*";
            }
            var colon = value.IndexOf(':');
            return Arn("ecs", "task-definition/" + (colon < 0 ? value : value.Substring(0, colon)) + ":*");
        }

        // ---- Batch ----

        // batch:submitJob(.sync). CDK adds the events statement for both patterns; the request-response
        // pattern never creates StepFunctionsGetEventsForBatchJobsRule, so Flowstate adds it for .sync only,
        // with DescribeJobs/TerminateJob (sls, needed to poll and to stop the job).
        private void Batch(bool sync)
        {
            var definition = Resource(Get(_payload, "JobDefinition"), "JobDefinition", d => d.StartsWith("arn:", StringComparison.Ordinal) ? d : Arn("batch", "job-definition/" + (d.IndexOf(':') < 0 ? d + ":*" : d)));
            var queue = Resource(Get(_payload, "JobQueue"), "JobQueue", q => q.StartsWith("arn:", StringComparison.Ordinal) ? q : Arn("batch", "job-queue/" + q));
            Allow("batch:SubmitJob", definition, queue);
            if (sync)
            {
                Allow(new[] { "batch:DescribeJobs", "batch:TerminateJob" }, new[] { "*" });
                Events(ManagedRules.BatchJobs);
            }
        }

        // ---- Step Functions ----

        // states:startExecution(.sync|.sync:2). .sync adds DescribeExecution/StopExecution on the child's
        // executions and the events rule (CDK and AWS docs; sls grants them for every pattern, Flowstate only
        // where the pattern waits). The execution ARN of a literal machine ARN swaps stateMachine: for
        // execution: (sls); for a ${Placeholder} ARN the machine's name is unknown here: execution:* in the account.
        private void StartExecution(bool sync)
        {
            var v = Get(_payload, "StateMachineArn");
            var machine = Resource(v, "StateMachineArn", a => a);
            Allow("states:StartExecution", machine);
            if (!sync) return;
            string execution;
            if (machine == "*") execution = "*";
            else if (machine.IndexOf(":stateMachine:", StringComparison.Ordinal) is var at && at > 0)
                execution = machine.Substring(0, at) + ":execution:" + machine.Substring(at + ":stateMachine:".Length) + ":*";
            else execution = Arn("states", "execution:*");
            Allow(new[] { "states:DescribeExecution", "states:StopExecution" }, new[] { execution });
            Events(ManagedRules.StepFunctionsExecution);
        }

        // ---- EventBridge ----

        // events:putEvents: one bus per entry (EventBusName: name or ARN), the default bus when absent (CDK, sls).
        // Entries given at run time: every bus of the account (AWS doc template for dynamic EventBridge: event-bus/*).
        private void PutEvents()
        {
            var entries = _payload is { IsObject: true } p ? p["Entries"] : null;
            if (entries is null || !entries.IsArray)
            {
                var dynamicEntries = _payload is { IsObject: true } q ? q.Properties.FirstOrDefault(x => x.Name == "Entries.$") : default;
                if (dynamicEntries.Name is not null)
                    Findings.Add(new DiagnosticInfo(DiagnosticIds.IamResourceWidened, Where(dynamicEntries), EquatableArray.Create(
                        $"The Entries of Task '{_state.Name}' are given at run time, so its role may put events on every event bus of the account; give the entries as JSON to scope it")));
                Allow("events:PutEvents", Arn("events", "event-bus/*"));
                return;
            }
            var buses = new List<string>();
            foreach (var entry in entries.Items)
            {
                var bus = Get(entry, "EventBusName");
                buses.Add(bus.Text is { } b ? (b.StartsWith("arn:", StringComparison.Ordinal) ? b : Arn("events", "event-bus/" + b))
                    : bus.IsAbsent ? Arn("events", "event-bus/default") : Widen(bus, "EventBusName"));
            }
            Allow("events:PutEvents", buses.Count == 0 ? new[] { Arn("events", "event-bus/default") } : buses.ToArray());
        }

        private string Widen(Value v, string what)
        {
            Widened(v, what);
            return "*";
        }

        // ---- HTTP ----

        // http:invoke: CDK's statements (sls has the same actions without the endpoint condition; CDK's
        // condition keeps the role from calling any other endpoint).
        private void Http()
        {
            var endpoint = Get(_payload, "ApiEndpoint");
            JsonValue? condition = endpoint.Text is { } url
                ? JsonValue.Object(new[] { new JsonProperty("StringLike", JsonValue.Object(new[] { new JsonProperty("states:HTTPEndpoint", JsonValue.String(url + "*")) })) })
                : null;
            if (endpoint.IsDynamic) Widened(endpoint, "ApiEndpoint");
            Allow(new[] { "states:InvokeHTTPEndpoint" }, new[] { "*" }, condition);
            var connection = Get(GetObject(_payload, "Authentication"), "ConnectionArn");
            var connectionArn = Resource(connection, "Authentication.ConnectionArn", c => c);
            Allow("events:RetrieveConnectionCredentials", connectionArn);
            // The connection's secret is managed by EventBridge: events!connection/<connection name>/<id>.
            var name = connection.Text is { } arn && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.IndexOf(":connection/", StringComparison.Ordinal) is var i && i > 0
                ? arn.Substring(i + ":connection/".Length).Split('/')[0]
                : null;
            Allow(new[] { "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue" },
                new[] { Arn("secretsmanager", "secret:events!connection/" + (name ?? "*") + "/*") });
        }

        // ---- CodeBuild, SageMaker, Bedrock (sls's strategies) ----

        private void CodeBuild(bool sync)
        {
            var project = Resource(Get(_payload, "ProjectName"), "ProjectName", n => n.StartsWith("arn:", StringComparison.Ordinal) ? n : Arn("codebuild", "project/" + n));
            Allow(sync ? new[] { "codebuild:BatchGetBuilds", "codebuild:StartBuild", "codebuild:StopBuild" } : new[] { "codebuild:StartBuild" }, new[] { project });
            if (sync) Events(ManagedRules.CodeBuildStartBuild);
        }

        private void SageMakerTransform(bool sync)
        {
            var job = Resource(Get(_payload, "TransformJobName"), "TransformJobName", n => Arn("sagemaker", "transform-job/" + n.ToLowerInvariant() + "*"));
            Allow(sync ? new[] { "sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob" } : new[] { "sagemaker:CreateTransformJob" }, new[] { job });
            Allow("sagemaker:ListTags", "*");
            if (sync) Events(ManagedRules.SageMakerTransformJobs);
        }

        private void Bedrock()
        {
            var model = Resource(Get(_payload, "ModelId"), "ModelId", m => m.StartsWith("arn:", StringComparison.Ordinal) ? m : "arn:" + Partition + ":bedrock:" + Region + "::foundation-model/" + m);
            Allow("bedrock:InvokeModel", model);
        }

        // ---- aws-sdk:<service>:<action> ----

        private void Sdk(string service, string action)
        {
            var (actions, known) = SdkIamActions(service, action, _options);
            if (!known)
                Finding(DiagnosticIds.IamActionGuessed,
                    $"The IAM action for aws-sdk:{service}:{action} (Task '{_state.Name}') is taken to be {string.Join(" and ", actions)}: the service's IAM prefix and the action's name. Most services authorize that way, not all; check it in the Service Authorization Reference, or give the IAM actions with the override");
            var resources = SdkResources(service, action, actions);
            Allow(actions, resources);
            // Redshift Data API: the call runs as a database user the role must be allowed to become.
            if (service == "redshiftdata" && action is "executeStatement" or "batchExecuteStatement")
            {
                var workgroup = Get(_payload, "WorkgroupName");
                if (!workgroup.IsAbsent)
                    Allow("redshift-serverless:GetCredentials", Resource(workgroup, "WorkgroupName", w => w.StartsWith("arn:", StringComparison.Ordinal) ? w : Arn("redshift-serverless", "workgroup/*")));
                var cluster = Get(_payload, "ClusterIdentifier");
                var secret = Get(_payload, "SecretArn");
                if (!secret.IsAbsent)
                    Allow("secretsmanager:GetSecretValue", Resource(secret, "SecretArn", s => s));
                else if (!cluster.IsAbsent)
                {
                    var db = Get(_payload, "Database");
                    var user = Get(_payload, "DbUser");
                    var c = cluster.Text ?? "*";
                    if (cluster.IsDynamic) Widened(cluster, "ClusterIdentifier");
                    Allow("redshift:GetClusterCredentials",
                        "arn:" + Partition + ":redshift:" + Region + ":" + Account + ":dbuser:" + c + "/" + (user.Text ?? "*"),
                        "arn:" + Partition + ":redshift:" + Region + ":" + Account + ":dbname:" + c + "/" + (db.Text ?? "*"));
                }
            }
            if (service == "emrserverless" && action == "startJobRun")
            {
                var role = Get(_payload, "ExecutionRoleArn");
                Allow("iam:PassRole", Resource(role, "ExecutionRoleArn", r => r));
            }
        }

        /// <summary>
        /// The resources of an SDK call Flowstate can scope from its parameters; "*" for the rest (the ARN
        /// formats differ per service and action, and a wrong ARN would deny what the call needs).
        /// </summary>
        private string[] SdkResources(string service, string action, string[] actions)
        {
            switch (service)
            {
                case "s3":
                    {
                        var bucket = Get(_payload, "Bucket");
                        var isBucketLevel = actions.All(a => a is "s3:ListBucket" or "s3:ListBucketVersions" or "s3:ListBucketMultipartUploads" or "s3:GetBucketLocation")
                            || action.IndexOf("Bucket", StringComparison.Ordinal) >= 0;
                        if (action == "listBuckets") return new[] { "*" };
                        if (bucket.Text is not { } b)
                        {
                            if (!bucket.IsAbsent || !isBucketLevel) return new[] { Widen(bucket, "Bucket") };
                            return new[] { "*" };
                        }
                        var bucketArn = "arn:" + Partition + ":s3:::" + b;
                        if (isBucketLevel) return new[] { bucketArn };
                        if (action == "copyObject")
                        {
                            // CopySource is "source-bucket/key": read there, write to Bucket/Key.
                            var source = Get(_payload, "CopySource");
                            var sourceArn = source.Text is { } s ? "arn:" + Partition + ":s3:::" + s.TrimStart('/') : Widen(source, "CopySource");
                            var target = Get(_payload, "Key").Text is { } tk ? bucketArn + "/" + tk : bucketArn + "/*";
                            return new[] { sourceArn, target };
                        }
                        var key = Get(_payload, "Key");
                        return new[] { key.Text is { } k ? bucketArn + "/" + k : bucketArn + "/*" };
                    }
                case "dynamodb":
                    {
                        if (action is "batchGetItem" or "batchWriteItem")
                        {
                            var items = GetObject(_payload, "RequestItems");
                            if (items is null) return new[] { Widen(Get(_payload, "RequestItems"), "RequestItems") };
                            return items.Properties.Select(t => TableArn(t.Name)).ToArray();
                        }
                        if (action is "listTables") return new[] { "*" };
                        var table = Get(_payload, "TableName");
                        if (table.Text is { } name)
                        {
                            var arn = TableArn(name);
                            return Get(_payload, "IndexName").Text is { } index ? new[] { arn, arn + "/index/" + index } : new[] { arn };
                        }
                        return new[] { Widen(table, "TableName") };
                    }
                case "glue":
                    if (action is "startCrawler" or "getCrawler" or "stopCrawler")
                        return new[] { Resource(Get(_payload, "Name"), "Name", n => Arn("glue", "crawler/" + n)) };
                    if (action is "startJobRun" or "getJobRun" or "getJobRuns" or "batchStopJobRun")
                        return new[] { Resource(Get(_payload, "JobName"), "JobName", n => Arn("glue", "job/" + n)) };
                    return new[] { "*" };
                case "lambda":
                    if (action is "invoke" or "invokeAsync" && Get(_payload, "FunctionName") is { Text: { } fn }) return LambdaArns(fn);
                    return new[] { Widen(Get(_payload, "FunctionName"), "FunctionName") };
                case "sns":
                    if (action == "publish") return new[] { Resource(Get(_payload, "TopicArn"), "TopicArn", t => t) };
                    return new[] { "*" };
                case "sqs":
                    if (Get(_payload, "QueueUrl").Text is { } url && QueueArn(url) is { } q) return new[] { q };
                    return new[] { Widen(Get(_payload, "QueueUrl"), "QueueUrl") };
                case "sfn":
                    if (action is "startExecution" or "startSyncExecution")
                        return new[] { Resource(Get(_payload, "StateMachineArn"), "StateMachineArn", a => a) };
                    return new[] { "*" };
                case "eventbridge":
                    if (action == "putTargets" || action == "putRule")
                    {
                        var rule = Get(_payload, action == "putTargets" ? "Rule" : "Name");
                        var bus = Get(_payload, "EventBusName").Text;
                        return new[] { Resource(rule, "Rule", r => Arn("events", "rule/" + (bus is null || bus == "default" ? "" : bus + "/") + r)) };
                    }
                    return new[] { "*" };
                case "scheduler":
                    if (action is "createSchedule" or "deleteSchedule" or "updateSchedule" or "getSchedule")
                    {
                        var group = Get(_payload, "GroupName").Text ?? "default";
                        return new[] { Arn("scheduler", "schedule/" + group + "/*") };
                    }
                    return new[] { "*" };
                case "redshiftdata":
                    if (action is "executeStatement" or "batchExecuteStatement")
                    {
                        var cluster = Get(_payload, "ClusterIdentifier");
                        if (cluster.Text is { } c) return new[] { "arn:" + Partition + ":redshift:" + Region + ":" + Account + ":cluster:" + c };
                        var workgroup = Get(_payload, "WorkgroupName");
                        if (workgroup.Text is { } w) return new[] { w.StartsWith("arn:", StringComparison.Ordinal) ? w : Arn("redshift-serverless", "workgroup/*") };
                        return new[] { "*" };
                    }
                    // Statement ids are per call: describe/get/cancel are authorized on "*" (their resource is the statement).
                    return new[] { "*" };
                default:
                    return new[] { "*" };
            }
        }
    }
}
