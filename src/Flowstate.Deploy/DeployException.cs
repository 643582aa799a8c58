using System;

namespace Flowstate.Deploy;

/// <summary>Process exit codes of the deploy commands. They mean the same thing for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done (or nothing to do).</summary>
    public const int Ok = 0;
    /// <summary>The operation ran and failed: the deploy rolled back, the execution failed.</summary>
    public const int Failed = 1;
    /// <summary>Bad usage or input: unknown option, missing parameter value, unknown machine.</summary>
    public const int Usage = 2;
    /// <summary>AWS could not be reached or refused us: no credentials/region, expired token, access denied, endpoint down.</summary>
    public const int AwsAccess = 3;
    /// <summary>The stack is not in a state we may touch: busy, needs manual repair, or not created by Flowstate for this app and stage.</summary>
    public const int StackState = 4;
    /// <summary>A replacement/removal or a destroy was not confirmed.</summary>
    public const int NotConfirmed = 5;
    /// <summary>start --wait: the execution timed out.</summary>
    public const int TimedOut = 6;
    /// <summary>start --wait: the execution was aborted.</summary>
    public const int Aborted = 7;
}

/// <summary>An error a person can act on: what happened, and what to do. Printed without a stack trace.</summary>
public sealed class DeployException : Exception
{
    public DeployException(int exitCode, string message, string? hint = null, Exception? inner = null) : base(message, inner)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    public int ExitCode { get; }
    public string? Hint { get; }
}
