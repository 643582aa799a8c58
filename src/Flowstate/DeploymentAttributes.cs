using System;
using System.Diagnostics.CodeAnalysis;

namespace Flowstate;

// What surrounds a state machine when it is deployed: when it runs (schedules, events), who hears
// when it fails (alarms, notifications, topics), what it may do (its role), where it logs, and which
// CloudFormation stack holds it. The generator turns these into a CloudFormation template per stack
// (FlowstateManifest.Stacks, and `export --out DIR` writes DIR/<stack>.template.json).

/// <summary>
/// Starts the state machine on a schedule. By default an EventBridge Scheduler schedule
/// (<c>AWS::Scheduler::Schedule</c>, time zones and one-time <c>at(...)</c> supported); with
/// <see cref="UseEventBridgeRule"/> an EventBridge rule (<c>AWS::Events::Rule</c>, UTC only).
/// Several schedules per machine are allowed.
/// </summary>
/// <example><c>[Schedule("cron(0 2 * * ? *)", TimeZone = "Europe/Berlin")]</c> runs every day at 02:00 Berlin time.</example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ScheduleAttribute : Attribute
{
    /// <summary>A schedule with the given expression: <c>rate(1 day)</c>, <c>rate(2 days)</c>, <c>cron(0 2 * * ? *)</c> or <c>at(2026-01-31T02:00:00)</c>.</summary>
    public ScheduleAttribute(string expression) => Expression = expression;

    /// <summary>The schedule expression: <c>rate(value unit)</c>, <c>cron(min hour day-of-month month day-of-week year)</c> or <c>at(yyyy-mm-ddThh:mm:ss)</c>.</summary>
    public string Expression { get; }

    /// <summary>The IANA time zone the cron or at expression is evaluated in (for example <c>Europe/Berlin</c>); UTC when not set. Scheduler only.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The execution input, as JSON (for example <c>{ "source": "orders" }</c>).</summary>
    [StringSyntax("Json")] public string? Input { get; set; }

    /// <summary>Minutes within which Scheduler may start the execution after the scheduled time (1 to 1440); exact time when not set. Scheduler only.</summary>
    public int FlexibleWindowMinutes { get; set; }

    /// <summary>The first instant the schedule may fire, <c>yyyy-mm-ddThh:mm:ssZ</c> (UTC). Scheduler only.</summary>
    public string? StartDate { get; set; }

    /// <summary>The last instant the schedule may fire, <c>yyyy-mm-ddThh:mm:ssZ</c> (UTC). Scheduler only.</summary>
    public string? EndDate { get; set; }

    /// <summary>False deploys the schedule disabled. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A short name for the schedule; it becomes part of the CloudFormation logical id (letters and digits).</summary>
    public string? Name { get; set; }

    /// <summary>The schedule's description.</summary>
    public string? Description { get; set; }

    /// <summary>True emits an EventBridge rule (<c>AWS::Events::Rule</c>, UTC, rate and cron only) instead of a Scheduler schedule.</summary>
    public bool UseEventBridgeRule { get; set; }
}

/// <summary>
/// Starts the state machine when an object is created in an S3 bucket (EventBridge event
/// <c>aws.s3</c> / <c>Object Created</c>). The bucket must send its events to EventBridge
/// (bucket property <c>NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled</c>);
/// for a bucket declared with <see cref="FlowstateBucketAttribute"/> the generated stack turns that on.
/// </summary>
/// <example><c>[OnS3ObjectCreated("${ExtractBucket}", Prefix = "manifests/", Suffix = ".json")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OnS3ObjectCreatedAttribute : Attribute
{
    /// <summary>Triggers on objects created in <paramref name="bucket"/> (a name, a <c>${Parameter}</c>, or a bucket declared with <see cref="FlowstateBucketAttribute"/>).</summary>
    public OnS3ObjectCreatedAttribute(string bucket) => Bucket = bucket;

    /// <summary>The bucket name, a <c>${Parameter}</c>, or the name of a <see cref="FlowstateBucketAttribute"/>.</summary>
    public string Bucket { get; }

    /// <summary>Only keys starting with this text (for example <c>manifests/</c>).</summary>
    public string? Prefix { get; set; }

    /// <summary>Only keys ending with this text (for example <c>.json</c>).</summary>
    public string? Suffix { get; set; }

    /// <summary>The execution input, as JSON, instead of the event. Only one of Input, InputPath, InputPathsMap.</summary>
    [StringSyntax("Json")] public string? Input { get; set; }

    /// <summary>The part of the event passed as input (for example <c>$.detail</c>). Only one of Input, InputPath, InputPathsMap.</summary>
    public string? InputPath { get; set; }

    /// <summary>Input transformer paths, as a JSON object (<c>{ "key": "$.detail.object.key" }</c>); use with <see cref="InputTemplate"/>.</summary>
    [StringSyntax("Json")] public string? InputPathsMap { get; set; }

    /// <summary>Input transformer template (<c>{ "key": &lt;key&gt; }</c>); use with <see cref="InputPathsMap"/>.</summary>
    public string? InputTemplate { get; set; }

    /// <summary>False deploys the rule disabled. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Starts the state machine on any EventBridge event matching a pattern.</summary>
/// <example><c>[OnEvent("""{ "source": ["my.app"], "detail-type": ["OrderPlaced"] }""")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OnEventAttribute : Attribute
{
    /// <summary>Triggers on events matching <paramref name="pattern"/> (EventBridge event pattern JSON).</summary>
    public OnEventAttribute([StringSyntax("Json")] string pattern) => Pattern = pattern;

    /// <summary>The EventBridge event pattern, as JSON.</summary>
    public string Pattern { get; }

    /// <summary>The event bus; the account's default bus when not set.</summary>
    public string? EventBus { get; set; }

    /// <summary>A short name for the rule; it becomes part of the CloudFormation logical id (letters and digits).</summary>
    public string? Name { get; set; }

    /// <summary>The rule's description.</summary>
    public string? Description { get; set; }

    /// <summary>The execution input, as JSON, instead of the event. Only one of Input, InputPath, InputPathsMap.</summary>
    [StringSyntax("Json")] public string? Input { get; set; }

    /// <summary>The part of the event passed as input (for example <c>$.detail</c>). Only one of Input, InputPath, InputPathsMap.</summary>
    public string? InputPath { get; set; }

    /// <summary>Input transformer paths, as a JSON object; use with <see cref="InputTemplate"/>.</summary>
    [StringSyntax("Json")] public string? InputPathsMap { get; set; }

    /// <summary>Input transformer template; use with <see cref="InputPathsMap"/>.</summary>
    public string? InputTemplate { get; set; }

    /// <summary>False deploys the rule disabled. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>An execution metric of a state machine (CloudWatch namespace <c>AWS/States</c>, dimension <c>StateMachineArn</c>).</summary>
public enum StateMachineMetric
{
    /// <summary><c>ExecutionsFailed</c>.</summary>
    ExecutionsFailed,
    /// <summary><c>ExecutionsTimedOut</c>.</summary>
    ExecutionsTimedOut,
    /// <summary><c>ExecutionsAborted</c>.</summary>
    ExecutionsAborted,
    /// <summary><c>ExecutionThrottled</c> (singular: that is CloudWatch's spelling).</summary>
    ExecutionThrottled,
}

/// <summary>How an alarm treats periods without data (CloudWatch <c>TreatMissingData</c>).</summary>
public enum MissingData
{
    /// <summary><c>notBreaching</c>: no executions is fine (the default).</summary>
    NotBreaching,
    /// <summary><c>breaching</c>.</summary>
    Breaching,
    /// <summary><c>ignore</c>: keep the current state.</summary>
    Ignore,
    /// <summary><c>missing</c>.</summary>
    Missing,
}

/// <summary>
/// A CloudWatch alarm on one of the machine's execution metrics, notifying a topic. Defaults:
/// statistic Sum over 300 seconds, one evaluation period, threshold 1 (greater than or equal),
/// missing data not breaching.
/// </summary>
/// <example><c>[Alarm(StateMachineMetric.ExecutionsFailed, "AlertTopic")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AlarmAttribute : Attribute
{
    /// <summary>Alarms on <paramref name="metric"/> and notifies <paramref name="topic"/> (a <see cref="FlowstateTopicAttribute"/> name).</summary>
    public AlarmAttribute(StateMachineMetric metric, string topic)
    {
        Metric = metric;
        Topic = topic;
    }

    /// <summary>The metric.</summary>
    public StateMachineMetric Metric { get; }

    /// <summary>The name of the topic (declared with <see cref="FlowstateTopicAttribute"/>) the alarm notifies.</summary>
    public string Topic { get; }

    /// <summary>The alarm fires when the Sum over a period reaches this value. Defaults to 1.</summary>
    public double Threshold { get; set; } = 1;

    /// <summary>Periods that must breach before the alarm fires. Defaults to 1.</summary>
    public int EvaluationPeriods { get; set; } = 1;

    /// <summary>The period in seconds (10, 30, or a multiple of 60). Defaults to 300.</summary>
    public int PeriodSeconds { get; set; } = 300;

    /// <summary>How periods without data count. Defaults to not breaching.</summary>
    public MissingData TreatMissingData { get; set; }

    /// <summary>Also notify the topic when the alarm returns to OK. Defaults to false.</summary>
    public bool NotifyOnOk { get; set; }
}

/// <summary>
/// Publishes a readable message to a topic for every execution that ends FAILED, TIMED_OUT or
/// ABORTED (an EventBridge rule on "Step Functions Execution Status Change" for this machine): the
/// machine, the execution, the status, the error, the cause and a console link.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NotifyOnFailureAttribute : Attribute
{
    /// <summary>Notifies <paramref name="topic"/> (a <see cref="FlowstateTopicAttribute"/> name).</summary>
    public NotifyOnFailureAttribute(string topic) => Topic = topic;

    /// <summary>The name of the topic (declared with <see cref="FlowstateTopicAttribute"/>).</summary>
    public string Topic { get; }
}

/// <summary>
/// Options of the IAM role the generated stack creates for the machine. Its policy is derived
/// from the machine's Task states; add statements with <see cref="RolePolicyStatementAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RoleAttribute : Attribute
{
    /// <summary>Use this existing role instead of creating one (bring your own role). Nothing is derived then.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The ARN of a managed policy that bounds the created role's permissions.</summary>
    public string? PermissionsBoundary { get; set; }
}

/// <summary>An extra statement for the machine's role, as IAM policy JSON (<c>{ "Effect": "Allow", "Action": [...], "Resource": [...] }</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RolePolicyStatementAttribute : Attribute
{
    /// <summary>Adds <paramref name="statement"/> to the role's policy.</summary>
    public RolePolicyStatementAttribute([StringSyntax("Json")] string statement) => Statement = statement;

    /// <summary>The IAM statement, as JSON.</summary>
    public string Statement { get; }
}

/// <summary>The execution history a state machine logs to CloudWatch Logs (<c>LoggingConfiguration.Level</c>).</summary>
public enum LogLevel
{
    /// <summary><c>ERROR</c>: failed executions and states.</summary>
    Error,
    /// <summary><c>ALL</c>: every event.</summary>
    All,
    /// <summary><c>FATAL</c>: failed executions only.</summary>
    Fatal,
    /// <summary><c>OFF</c>.</summary>
    Off,
}

/// <summary>
/// Logs execution history to CloudWatch Logs. The stack creates the log group
/// (<c>/aws/vendedlogs/states/&lt;machine&gt;</c>) unless <see cref="LogGroupArn"/> is given, and grants the role the log-delivery actions.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LoggingAttribute : Attribute
{
    /// <summary>Logs at <paramref name="level"/>.</summary>
    public LoggingAttribute(LogLevel level) => Level = level;

    /// <summary>What to log.</summary>
    public LogLevel Level { get; }

    /// <summary>Include the input and output of executions and states (may contain personal data). Defaults to false.</summary>
    public bool IncludeExecutionData { get; set; }

    /// <summary>An existing log group's ARN (ending in <c>:*</c>); a log group is created when not set.</summary>
    public string? LogGroupArn { get; set; }

    /// <summary>Retention of the created log group, in days. Defaults to 30.</summary>
    public int RetentionDays { get; set; } = 30;
}

/// <summary>Turns on AWS X-Ray tracing for the state machine (and grants the role the X-Ray actions).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TracingAttribute : Attribute
{
}

/// <summary>Puts the state machine in a stack other than the assembly's default one (declared with <see cref="FlowstateStackAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InStackAttribute : Attribute
{
    /// <summary>Deploys the machine in stack <paramref name="stack"/>.</summary>
    public InStackAttribute(string stack) => Stack = stack;

    /// <summary>The stack's name.</summary>
    public string Stack { get; }
}

/// <summary>
/// Declares a CloudFormation stack of this assembly. The first one declared is the default stack
/// of every machine without <see cref="InStackAttribute"/>; with none, the default stack is named
/// after the assembly (kebab-case).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class FlowstateStackAttribute : Attribute
{
    /// <summary>A stack named <paramref name="name"/> (letters, digits and hyphens, starting with a letter).</summary>
    public FlowstateStackAttribute(string name) => Name = name;

    /// <summary>The stack's name, before any per-environment suffix the deploy program adds.</summary>
    public string Name { get; }

    /// <summary>The template's <c>Description</c>.</summary>
    public string? Description { get; set; }
}

/// <summary>
/// Declares a deploy-time value: every <c>${Name}</c> in a state machine becomes the template
/// parameter <c>Name</c>, passed to the definition through <c>DefinitionSubstitutions</c>. Once an
/// assembly declares parameters, a placeholder that is not declared is an error and a declared
/// parameter no machine uses is a warning.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class FlowstateParameterAttribute : Attribute
{
    /// <summary>Declares the parameter <paramref name="name"/> (letters and digits).</summary>
    public FlowstateParameterAttribute(string name) => Name = name;

    /// <summary>The parameter's name, as written in <c>${Name}</c>.</summary>
    public string Name { get; }

    /// <summary>The parameter's description (shown by the deploy program and the CloudFormation console).</summary>
    public string? Description { get; set; }

    /// <summary>The value used when an environment gives none.</summary>
    public string? Default { get; set; }

    /// <summary>A regular expression every value must match (CloudFormation <c>AllowedPattern</c>).</summary>
    public string? AllowedPattern { get; set; }
}

/// <summary>
/// Declares an SNS topic that alarms and failure notifications publish to: created in the stack
/// (the default, with a topic policy allowing EventBridge and CloudWatch to publish), an existing
/// topic (<see cref="Arn"/>), or one given at deploy time (<see cref="FromParameter"/>: template
/// parameter <c>&lt;Name&gt;Arn</c>). <c>${&lt;Name&gt;Arn}</c> in a definition is the topic's ARN.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class FlowstateTopicAttribute : Attribute
{
    /// <summary>Declares the topic <paramref name="name"/> (letters and digits; the CloudFormation logical id).</summary>
    public FlowstateTopicAttribute(string name) => Name = name;

    /// <summary>The topic's name in C# and its logical id in the template.</summary>
    public string Name { get; }

    /// <summary>An existing topic's ARN; nothing is created.</summary>
    public string? Arn { get; set; }

    /// <summary>True: the topic's ARN is the template parameter <c>&lt;Name&gt;Arn</c>; nothing is created.</summary>
    public bool FromParameter { get; set; }

    /// <summary>The created topic's display name.</summary>
    public string? DisplayName { get; set; }
}

/// <summary>
/// Declares an S3 bucket created by the stack, with EventBridge notifications turned on, so that
/// <see cref="OnS3ObjectCreatedAttribute"/> can trigger on it. <c>${&lt;Name&gt;}</c> in a definition is the bucket's name.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class FlowstateBucketAttribute : Attribute
{
    /// <summary>Declares the bucket <paramref name="name"/> (letters and digits; the CloudFormation logical id).</summary>
    public FlowstateBucketAttribute(string name) => Name = name;

    /// <summary>The bucket's name in C# and its logical id in the template.</summary>
    public string Name { get; }
}

/// <summary>A tag on every taggable resource of this assembly's stacks.</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlowstateTagAttribute : Attribute
{
    /// <summary>Tags resources with <paramref name="key"/> = <paramref name="value"/>.</summary>
    public FlowstateTagAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The tag key.</summary>
    public string Key { get; }

    /// <summary>The tag value.</summary>
    public string Value { get; }
}
