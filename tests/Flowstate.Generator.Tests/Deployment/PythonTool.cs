using System.Diagnostics;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// Runs a Python script of the pinned tools (tools/requirements.txt) with <c>python3 -c</c>. The
/// script exits with <see cref="MissingModule"/> when its import fails; that, and a missing python3,
/// fail with the command that installs them, never a silent skip.
/// </summary>
internal static class PythonTool
{
    /// <summary>The exit code the scripts use for "the module is not installed".</summary>
    public const int MissingModule = 97;

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <param name="script">Python source, run by <c>python3 -c</c>.</param>
    /// <param name="package">The pinned requirement named in the install hint, e.g. "cfn-lint==1.51.0".</param>
    public static Result Run(string script, string package, IEnumerable<string>? args = null, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = stdin is not null, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args ?? Array.Empty<string>()) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is not installed; install Python 3 and then: pip install -r tools/requirements.txt (" + e.Message + ")");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            process.WaitForExit();
            if (process.ExitCode == MissingModule)
                throw new InvalidOperationException($"{package.Split('=')[0]} is not installed for python3: pip install -r tools/requirements.txt ({package})");
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
