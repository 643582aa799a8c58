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
        var run = PythonTool.Run(
            "import sys\ntry:\n    from cfnlint.runner import main\nexcept ImportError:\n    sys.exit(97)\nsys.argv = ['cfn-lint'] + sys.argv[1:]\nsys.exit(main())",
            "cfn-lint==1.51.0",
            new[] { "--format", "parseable", "--" }.Concat(files));
        var result = new List<Finding>();
        foreach (var line in run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // parseable: file:line:column:endline:endcolumn:rule:message
            var parts = line.Split(':', 7);
            if (parts.Length < 7 || !int.TryParse(parts[1], out var l)) throw new InvalidOperationException("unexpected cfn-lint output: " + line + "\n" + run.Stderr);
            result.Add(new Finding(parts[0], l, parts[5], parts[6]));
        }
        // Exit code: 0 clean, else a bitmask of 2 (error), 4 (warning), 8 (informational); 1 = cfn-lint itself failed.
        if (run.ExitCode == 1 || (run.ExitCode != 0 && result.Count == 0))
            throw new InvalidOperationException($"cfn-lint failed (exit {run.ExitCode}): {run.Stderr}");
        return result;
    }
}
