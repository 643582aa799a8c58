using System.Diagnostics;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>Runs Python cfn-lint (1.51.0, tools/requirements.txt) on files; fails with an install hint when it is missing.</summary>
internal static class CfnLint
{
    public sealed record Finding(string File, int Line, string Rule, string Message)
    {
        public override string ToString() => $"{Path.GetFileName(File)}:{Line}: {Rule} {Message}";
    }

    public static IReadOnlyList<Finding> Run(IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys\ntry:\n    from cfnlint.runner import main\nexcept ImportError:\n    sys.exit(97)\nsys.argv = ['cfn-lint'] + sys.argv[1:]\nsys.exit(main())");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add("parseable");
        start.ArgumentList.Add("--");
        foreach (var f in files) start.ArgumentList.Add(f);
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
            process.WaitForExit();
            if (process.ExitCode == 97)
                throw new InvalidOperationException("cfn-lint is not installed for python3: pip install -r tools/requirements.txt (cfn-lint==1.51.0)");
            var result = new List<Finding>();
            foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // parseable: file:line:column:endline:endcolumn:rule:message
                var parts = line.Split(':', 7);
                if (parts.Length < 7 || !int.TryParse(parts[1], out var l)) throw new InvalidOperationException("unexpected cfn-lint output: " + line + "\n" + stderr.Result);
                result.Add(new Finding(parts[0], l, parts[5], parts[6]));
            }
            // Exit code: 0 clean, else a bitmask of 2 (error), 4 (warning), 8 (informational); 1 = cfn-lint itself failed.
            if (process.ExitCode == 1 || (process.ExitCode != 0 && result.Count == 0))
                throw new InvalidOperationException($"cfn-lint failed (exit {process.ExitCode}): {stderr.Result}");
            return result;
        }
    }
}
