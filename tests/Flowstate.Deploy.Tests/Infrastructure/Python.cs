using System.Diagnostics;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>python3 and its modules (moto, boto3, botocore): found or a failure that says how to install them.</summary>
internal static class Python
{
    public const string InstallHint = "python3 -m pip install -r tools/requirements.txt  (the pinned Python tools: moto[server]==5.2.1, boto3, botocore, awscli)";

    public static string Executable => Environment.GetEnvironmentVariable("FLOWSTATE_PYTHON") ?? "python3";

    /// <summary>Runs python3 with a script; returns stdout. Fails the test (with the install hint) when python3 or a module is missing.</summary>
    public static string Run(string script, IDictionary<string, string>? env = null, int timeoutMs = 60_000)
    {
        var psi = new ProcessStartInfo(Executable) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"python3 is not installed or not on PATH ({e.Message}). Install Python 3.11+, then: {InstallHint}");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeoutMs)) { p.Kill(true); throw new TimeoutException("python3 did not finish: " + script); }
            if (p.ExitCode != 0)
            {
                var err = stderr.Result;
                if (err.Contains("ModuleNotFoundError", StringComparison.Ordinal))
                    throw new InvalidOperationException($"A Python module the tests need is missing: {err.Trim().Split('\n').Last()}. Install: {InstallHint}");
                throw new InvalidOperationException($"python3 failed ({p.ExitCode}): {err}");
            }
            return stdout.Result;
        }
    }

    private static string? _botocoreDir;

    /// <summary>The installed botocore's data directory (service-2.json models).</summary>
    public static string BotocoreData => _botocoreDir ??= Path.Combine(
        Run("import botocore, os; print(os.path.dirname(botocore.__file__))").Trim(), "data");
}
