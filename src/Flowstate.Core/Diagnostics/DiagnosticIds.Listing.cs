namespace Flowstate.Core.Diagnostics;

public static partial class DiagnosticIds
{
    /// <summary>A [StateMachine] class the generated manifest cannot list (generic, or not visible assembly-wide).</summary>
    public const string MachineNotListed = "FLOW0010";

    /// <summary>Two [StateMachine] classes with one name (or names that are one file on Windows and macOS).</summary>
    public const string DuplicateMachineName = "FLOW0011";
}
