using System.Collections.Generic;

namespace Flowstate.Core.Diagnostics;

/// <summary>The FLOW70xx rules: the deployment declared around a state machine (schedules, triggers, alarms, topics, role, parameters, stacks).</summary>
public static partial class Rules
{
    public const string DeploymentCategory = "Flowstate.Deployment";

    private static Rule Deployment(string id, string title, string message, RuleSeverity severity, string description)
        => new(id, title, message, DeploymentCategory, severity, description);

    public static readonly Rule UnknownTopic = Deployment(
        DiagnosticIds.UnknownTopic,
        "Topic is not declared",
        "[{0}] notifies topic '{1}', which no [assembly: FlowstateTopic] declares; declare it (created in the stack, Arn = \"...\", or FromParameter = true){2}",
        RuleSeverity.Error,
        "Alarms and failure notifications publish to a topic declared once per assembly with [assembly: FlowstateTopic(\"Name\")]: created in the stack (with a topic policy allowing EventBridge and CloudWatch to publish), an existing topic's ARN, or a template parameter.");

    public static readonly Rule ConflictingTargetInput = Deployment(
        DiagnosticIds.ConflictingTargetInput,
        "More than one execution input is given",
        "[{0}] gives {1}; an EventBridge target takes only one of Input, InputPath and InputPathsMap/InputTemplate",
        RuleSeverity.Error,
        "An EventBridge rule target passes the execution input in exactly one way: a constant JSON Input, an InputPath selecting part of the event, or an InputTransformer (InputPathsMap + InputTemplate). CloudFormation rejects a target with more than one.");

    public static readonly Rule SchedulerOnlyOption = Deployment(
        DiagnosticIds.SchedulerOnlyOption,
        "Option needs EventBridge Scheduler",
        "[Schedule] with UseEventBridgeRule = true cannot use {0}: {1}; remove it, or drop UseEventBridgeRule to use EventBridge Scheduler",
        RuleSeverity.Error,
        "EventBridge rules with a schedule run in UTC, have no flexible window, no start or end date and no one-time at() expression. EventBridge Scheduler (the default) has all of these.");

    public static readonly Rule InvalidScheduleDate = Deployment(
        DiagnosticIds.InvalidScheduleDate,
        "Invalid schedule date",
        "{0} '{1}' of [Schedule] {2}",
        RuleSeverity.Error,
        "StartDate and EndDate of a schedule are UTC instants written yyyy-mm-ddThh:mm:ssZ (for example 2026-01-31T00:00:00Z), and the start must be before the end.");

    public static readonly Rule DeploymentValueOutOfRange = Deployment(
        DiagnosticIds.DeploymentValueOutOfRange,
        "Deployment value out of range",
        "{0} of [{1}] is {2}; {3}",
        RuleSeverity.Error,
        "CloudFormation limits these values: a schedule's flexible window is 1 to 1440 minutes; an alarm's period is 10, 30 or a multiple of 60 seconds and its evaluation periods at least 1; a log group's retention is one of the values CloudWatch Logs accepts.");

    public static readonly Rule IncompleteInputTransformer = Deployment(
        DiagnosticIds.IncompleteInputTransformer,
        "Input transformer needs a template",
        "[{0}] gives InputPathsMap without InputTemplate; the template says how the extracted values form the execution input",
        RuleSeverity.Error,
        "An EventBridge InputTransformer is InputPathsMap (names for parts of the event) plus InputTemplate (the input text with <name> placeholders). The template is required.");

    public static readonly Rule PlaceholderNotAParameter = Deployment(
        DiagnosticIds.PlaceholderNotAParameter,
        "Placeholder is not a declared parameter",
        "${{{0}}} in {1} is not a declared parameter; add [assembly: FlowstateParameter(\"{0}\")], or fix the name",
        RuleSeverity.Error,
        "Once an assembly declares its deploy-time values with [assembly: FlowstateParameter], every ${Name} in its state machines must be one of them (or a topic ARN ${TopicArn}, a bucket, or a machine started by type): the template has no value for any other name, and CloudFormation would reject the stack.");

    public static readonly Rule ParameterUnused = Deployment(
        DiagnosticIds.ParameterUnused,
        "Parameter is never used",
        "Parameter '{0}' is declared but no state machine of stack '{1}' uses ${{{0}}}; remove the declaration, or use it",
        RuleSeverity.Warning,
        "A declared parameter that no definition uses still has to be given a value at every deployment. It is usually a leftover or a misspelt placeholder.");

    public static readonly Rule InvalidDeploymentName = Deployment(
        DiagnosticIds.InvalidDeploymentName,
        "Invalid name for a stack resource",
        "{0} '{1}' {2}",
        RuleSeverity.Error,
        "Parameters, topics, buckets, schedule and rule names become CloudFormation logical ids: letters and digits only, at most 255 characters. Stack names start with a letter and contain letters, digits and hyphens, at most 128 characters.");

    public static readonly Rule UnknownStack = Deployment(
        DiagnosticIds.UnknownStack,
        "Stack is not declared",
        "[InStack(\"{0}\")] names a stack no [assembly: FlowstateStack] declares; declared: {1}",
        RuleSeverity.Error,
        "A machine goes into the assembly's default stack, or into a stack declared with [assembly: FlowstateStack(\"name\")] and chosen with [InStack(\"name\")].");

    public static readonly Rule StartedMachineNotInStack = Deployment(
        DiagnosticIds.StartedMachineNotInStack,
        "Started state machine is not in the same stack",
        "StateMachine = typeof({0}) of state '{1}' {2}",
        RuleSeverity.Error,
        "A Task can start another state machine of the same assembly by type; the template then wires its ARN and grants states:StartExecution on it. The target must be a [StateMachine] class deployed in the same stack.");

    public static readonly Rule TooManyResources = Deployment(
        DiagnosticIds.TooManyResources,
        "Stack exceeds CloudFormation's resource limit",
        "Stack '{0}' would hold {1} resources; CloudFormation allows 500 per stack: move machines to another stack with [InStack]",
        RuleSeverity.Error,
        "A CloudFormation stack holds at most 500 resources. Split the machines over several stacks ([assembly: FlowstateStack] and [InStack]).");

    public static readonly Rule TemplateTooLarge = Deployment(
        DiagnosticIds.TemplateTooLarge,
        "Template exceeds CloudFormation's size limit",
        "The template of stack '{0}' is {1} bytes; CloudFormation accepts at most 1,048,576 bytes (from S3): move machines to another stack with [InStack]",
        RuleSeverity.Error,
        "CloudFormation accepts templates of at most 1 MB when uploaded to S3 (51,200 bytes inline).");

    public static readonly Rule TemplateNeedsUpload = Deployment(
        DiagnosticIds.TemplateNeedsUpload,
        "Template must be deployed from S3",
        "The template of stack '{0}' is {1} bytes, more than the 51,200 bytes CloudFormation accepts inline; the deployment must upload it to S3 first",
        RuleSeverity.Info,
        "CloudFormation accepts a template body of at most 51,200 bytes in the request; larger templates (up to 1 MB) must be uploaded to S3 and passed as TemplateURL.");

    public static readonly Rule RoleArnWithRoleOptions = Deployment(
        DiagnosticIds.RoleArnWithRoleOptions,
        "Own role with role options",
        "[Role(RoleArn = ...)] brings its own role, so {0} cannot apply; remove {0} or RoleArn",
        RuleSeverity.Error,
        "With RoleArn the machine uses an existing role and the stack creates none: permissions boundary, extra statements, and the permissions derived for logging and tracing are not applied. Grant them in the role itself.");

    public static readonly Rule InvalidPolicyStatement = Deployment(
        DiagnosticIds.InvalidPolicyStatement,
        "Invalid IAM policy statement",
        "[RolePolicyStatement] {0}",
        RuleSeverity.Error,
        "An extra role statement is an IAM policy statement object: Effect (Allow or Deny), Action or NotAction, Resource or NotResource, optionally Sid and Condition.");

    public static readonly Rule BucketNeedsEventBridge = Deployment(
        DiagnosticIds.BucketNeedsEventBridge,
        "S3 bucket must send events to EventBridge",
        "Bucket '{0}' must have EventBridge notifications turned on (NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled: true) for [OnS3ObjectCreated] to fire; declare the bucket with [assembly: FlowstateBucket] to have the stack create it so",
        RuleSeverity.Info,
        "S3 delivers Object Created events to EventBridge only when the bucket's EventBridge notifications are on. Flowstate turns them on for buckets the stack creates ([assembly: FlowstateBucket]); for any other bucket, turn them on yourself (console: bucket Properties, Amazon EventBridge, On).");

    public static readonly Rule DuplicateLogicalId = Deployment(
        DiagnosticIds.DuplicateLogicalId,
        "Two resources get the same logical id",
        "{0} and {1} both become the CloudFormation logical id '{2}' in stack '{3}'; rename one",
        RuleSeverity.Error,
        "Logical ids come from class names, topic, bucket and parameter names, and schedule or rule names. They must be unique in a template.");

    /// <summary>Every FLOW70xx rule, in id order.</summary>
    public static IReadOnlyList<Rule> DeploymentModel { get; } = new[] {
        UnknownTopic, ConflictingTargetInput, SchedulerOnlyOption, InvalidScheduleDate, DeploymentValueOutOfRange,
        IncompleteInputTransformer, PlaceholderNotAParameter, ParameterUnused, InvalidDeploymentName, UnknownStack,
        StartedMachineNotInStack, TooManyResources, TemplateTooLarge, TemplateNeedsUpload, RoleArnWithRoleOptions,
        InvalidPolicyStatement, BucketNeedsEventBridge, DuplicateLogicalId };
}
