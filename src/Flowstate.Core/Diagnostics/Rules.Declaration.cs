using System.Collections.Generic;

namespace Flowstate.Core.Diagnostics;

/// <summary>The FLOW0xxx rules: problems in how a state machine is declared in C#.</summary>
public static partial class Rules
{
    public const string DeclarationCategory = "Flowstate.Declaration";

    private static Rule DeclarationRule(string id, string title, string message, RuleSeverity severity, string description)
        => new(id, title, message, DeclarationCategory, severity, description);

    public static readonly Rule InternalError = DeclarationRule(
        DiagnosticIds.InternalError,
        "Flowstate generator failed",
        "Flowstate generator failed on {0}: {1}. Please report this.",
        RuleSeverity.Warning,
        "An unexpected exception stopped Flowstate while it processed a state machine. No code was generated for it, so AslJson and Definition are missing. This is a bug in Flowstate, not in your code; please report it with the message.");

    public static readonly Rule MachineNotPartial = DeclarationRule(
        DiagnosticIds.MachineNotPartial,
        "State machine class must be partial",
        "Add 'partial' to '{1}': Flowstate generates AslJson and Definition into state machine class '{0}', which needs it and every type around it to be partial",
        RuleSeverity.Error,
        "Flowstate adds members to the [StateMachine] class in a generated partial declaration. The class, and every class it is nested in, must be declared partial.");

    public static readonly Rule InvalidJson = DeclarationRule(
        DiagnosticIds.InvalidJson,
        "Invalid JSON text",
        "{0} of {1} is not valid JSON: {2}; write a JSON value, or a JSONata expression as {{% ... %}}",
        RuleSeverity.Error,
        "Payload properties (Parameters, Arguments, Result, Output, Assign, ItemReader, the JSON properties of typed integrations, AslField and RawState values) take JSON text, or a JSONata expression written as {% ... %}. The text must be valid JSON (RFC 8259): keys in double quotes, no trailing commas, no comments.");

    public static readonly Rule TargetNotAState = DeclarationRule(
        DiagnosticIds.TargetNotAState,
        "Transition target is not a state of this state machine",
        "{0} of {1} refers to '{2}', which is not a state of this state machine; give it a state attribute and nest it in the machine, or use {3} to give a state name",
        RuleSeverity.Error,
        "Next, Default, Catch, When and StartAt name the target state by its class with typeof. The class must be a state of the same state machine: a nested class carrying a state attribute. To name a state that has no class, use the *Name variant.");

    public static readonly Rule InvalidCondition = DeclarationRule(
        DiagnosticIds.InvalidCondition,
        "Invalid Choice condition",
        "The condition of [When] rule {0} of Choice state '{1}' is invalid: {2}",
        RuleSeverity.Error,
        "A [When] condition is a JSONata expression {% ... %} or Flowstate's condition syntax over JSONPath, for example \"$.status == 'OK' && $.count > 3\". The rule is left out of the generated definition until it parses.");

    public static readonly Rule ConflictingProperties = DeclarationRule(
        DiagnosticIds.ConflictingProperties,
        "Conflicting properties",
        "In {0}, {1}",
        RuleSeverity.Error,
        "Two properties of one attribute write the same thing: a value and its Path form, a typed property and a key of Parameters or Arguments, Next and NextName, or a constructor argument and a named argument. Keep one.");

    public static readonly Rule MultipleStateAttributes = DeclarationRule(
        DiagnosticIds.MultipleStateAttributes,
        "A class declares more than one state",
        "Class '{0}' carries more than one state declaration ({1}); keep exactly one, or split it into separate nested classes",
        RuleSeverity.Error,
        "Each nested class of a state machine is exactly one state: one state attribute such as [Task], [Pass] or [LambdaInvoke]. A class cannot also be a [Branch] or hold [RawState] entries unless it is a [Map] state, whose nested classes form its item processor.");

    public static readonly Rule MisplacedDeclaration = DeclarationRule(
        DiagnosticIds.MisplacedDeclaration,
        "Declaration in the wrong place",
        "'{0}' is misplaced: {1}",
        RuleSeverity.Error,
        "States belong directly in a scope: the state machine class, a [Branch] class nested in a [Parallel] state, or a [Map] state class. A [Branch] belongs directly in a [Parallel] state class. Retry, Catch and When belong on state classes; StartAt and RawState on scopes. A declaration anywhere else is not part of the state machine.");

    public static readonly Rule UnsupportedIntegrationPattern = DeclarationRule(
        DiagnosticIds.UnsupportedIntegrationPattern,
        "Integration pattern not supported by this integration",
        "State '{0}' uses [{1}] with IntegrationPattern.{2}, which this integration does not support; use {3}",
        RuleSeverity.Error,
        "Each AWS service integration supports only some integration patterns: Request Response, Run a Job (.sync) and Wait for Callback (.waitForTaskToken). Step Functions rejects a resource ARN with an unsupported suffix.");

    /// <summary>The FLOW0xxx rules, in id order.</summary>
    public static IReadOnlyList<Rule> Declaration { get; } = new[]
    {
        InternalError,
        MachineNotPartial,
        InvalidJson,
        TargetNotAState,
        InvalidCondition,
        ConflictingProperties,
        MultipleStateAttributes,
        MisplacedDeclaration,
        UnsupportedIntegrationPattern,
    };
}
