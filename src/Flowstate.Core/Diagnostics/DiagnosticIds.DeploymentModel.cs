namespace Flowstate.Core.Diagnostics;

/// <summary>FLOW70xx: the deployment declared in C# (schedules, triggers, alarms, topics, role, parameters, stacks).</summary>
public static partial class DiagnosticIds
{
    public const string UnknownTopic = "FLOW7001";
    public const string ConflictingTargetInput = "FLOW7002";
    public const string SchedulerOnlyOption = "FLOW7003";
    public const string InvalidScheduleDate = "FLOW7004";
    public const string DeploymentValueOutOfRange = "FLOW7005";
    public const string IncompleteInputTransformer = "FLOW7006";
    public const string PlaceholderNotAParameter = "FLOW7007";
    public const string ParameterUnused = "FLOW7008";
    public const string InvalidDeploymentName = "FLOW7009";
    public const string UnknownStack = "FLOW7010";
    public const string StartedMachineNotInStack = "FLOW7011";
    public const string TooManyResources = "FLOW7012";
    public const string TemplateTooLarge = "FLOW7013";
    public const string TemplateNeedsUpload = "FLOW7014";
    public const string RoleArnWithRoleOptions = "FLOW7015";
    public const string InvalidPolicyStatement = "FLOW7016";
    public const string BucketNeedsEventBridge = "FLOW7017";
    public const string DuplicateLogicalId = "FLOW7018";
}
