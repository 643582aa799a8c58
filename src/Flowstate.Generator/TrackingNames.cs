namespace Flowstate.Generator;

/// <summary>
/// Names of the incremental pipeline's steps. Tests read them (by reflection over these constants)
/// to check that an unrelated edit leaves every step cached.
/// </summary>
public static class TrackingNames
{
    /// <summary>[StateMachine] class -> parsed model (or the failure that stopped it).</summary>
    public const string ParseStateMachine = nameof(ParseStateMachine);

    /// <summary>Drops classes that produce nothing (not partial, not a class).</summary>
    public const string RemoveNulls = nameof(RemoveNulls);

    /// <summary>Model -> generated text (ASL, graphs, C#), rendered once and cached.</summary>
    public const string RenderStateMachine = nameof(RenderStateMachine);

    /// <summary>Rendered machine -> its manifest entry (name and type only, so the manifest ignores other edits).</summary>
    public const string ManifestEntry = nameof(ManifestEntry);

    /// <summary>All manifest entries, sorted.</summary>
    public const string Manifest = nameof(Manifest);

    /// <summary>[assembly: FlowstateEntryPoint] occurrences.</summary>
    public const string EntryPointAttribute = nameof(EntryPointAttribute);

    /// <summary>Whether the assembly asked for a generated Main.</summary>
    public const string HasEntryPoint = nameof(HasEntryPoint);

    /// <summary>The command modules of the referenced assemblies (type names only).</summary>
    public const string CommandModules = nameof(CommandModules);

    /// <summary>Manifest and entry-point flag together, for the assembly-level outputs.</summary>
    public const string AssemblyOutputs = nameof(AssemblyOutputs);

    /// <summary>Parsed machine -> deployment model + ASL object + derived role statements (what its stack's template needs).</summary>
    public const string TemplateMachine = nameof(TemplateMachine);

    /// <summary>[assembly: Flowstate*] declarations and the assembly name, reduced to a value.</summary>
    public const string AssemblyDeployment = nameof(AssemblyDeployment);

    /// <summary>All machines + assembly declarations -> one CloudFormation template per stack.</summary>
    public const string StackTemplates = nameof(StackTemplates);

    /// <summary>The stacks' findings (FLOW7012-7014, FLOW7018) with their positions; equal (empty) when there is none.</summary>
    public const string StackDiagnostics = nameof(StackDiagnostics);
}
