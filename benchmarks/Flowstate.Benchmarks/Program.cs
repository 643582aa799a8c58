using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Flowstate.Benchmarks;

// dotnet run -c Release --project benchmarks/Flowstate.Benchmarks -- COMMAND
//   bdn [BenchmarkDotNet arguments]   the BenchmarkDotNet suite, e.g. bdn --filter '*'  (see benchmarks/README.md)
//   report [--sets 1x25,200x25] [--runs N] [--json FILE] [--no-cli] [--no-emit]
//                                     a quick Stopwatch report of the same scenarios (side-by-side.sh uses it)
//   smoke                             every scenario once on small sets, checked; no measurement (.ci/run)
//   runner [--seconds S]              the local runner vs aws-local-stepfunctions, side by side in one run:
//                                     node's executions/s (run-cases.mjs --bench S), then BenchmarkDotNet's, and the ratio
//   loop generator|analyzers|analyzers-after-compiler|ide-inside|ide-outside|emit SET N
//                                     one scenario N times, for a profiler (dotnet-trace collect -- ...)
//   diagnostics SET [--all]          what the analyzers report on a set (by id; --all: every diagnostic, sorted)
//   breakdown SET [ROUNDS]           the analyzer's own work part by part (parse, each rule set, whole): ms and bytes per state
//   choice N [N...]                   one Choice with N [When] rules: parse/validate/analyzer times (issue 11 item 6)
//   write-plain SRC DST               copy the C# project SRC to DST with every attribute removed (build comparison)
var command = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (command)
{
    case "bdn":
        var config = DefaultConfig.Instance
            .AddColumn(new PerStateColumn())
            .WithArtifactsPath(Path.Combine(Workload.OutDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(rest, config);
        return 0;
    case "report":
        return Report.Run(rest);
    case "smoke":
        return Smoke.Run();
    case "runner":
        return RunnerScenarios.Compare(rest);
    case "loop" when rest.Length == 3:
        return Loop.Run(rest[0], rest[1], int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture));
    case "diagnostics" when rest.Length == 2 && rest[1] == "--all":
        // Every diagnostic (id, location, message), sorted: to compare what two builds of the analyzer report.
        var all = Scenarios.Analyze(Scenarios.GenerateCold(Workload.Get(rest[0]).Compilation).Output).Diagnostics
            .Select(d => $"{d.Id} {d.Severity} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(l => l, StringComparer.Ordinal);
        foreach (var line in all) Console.WriteLine(line);
        return 0;
    case "diagnostics" when rest.Length == 1:
        // What the analyzers report on a set, by id and severity (the synthetic sets must have no error).
        var workload = Workload.Get(rest[0]);
        var generated = Scenarios.GenerateCold(workload.Compilation).Output;
        foreach (var group in Scenarios.Analyze(generated).Diagnostics.GroupBy(d => (d.Id, d.Severity)).OrderBy(g => g.Key.Id, StringComparer.Ordinal))
            Console.WriteLine($"{group.Key.Id} {group.Key.Severity}: {group.Count()}  e.g. {group.First().GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    case "breakdown" when rest.Length is 1 or 2:
        // Where the analyzer's own work goes (scenario 2b), part by part: ms and bytes allocated per state.
        return AnalyzerBreakdown.Run(rest[0], rest.Length == 2 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    case "choice" when rest.Length > 0:
        // One Choice with N [When] rules: parser, validator and analyzer times per N (issue 11 item 6).
        return LargeChoice.Run(rest.Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToList());
    case "write-plain" when rest.Length == 2:
        return PlainProject.Write(rest[0], rest[1]);
    default:
        Console.Error.WriteLine("usage: Flowstate.Benchmarks bdn [BenchmarkDotNet args] | report [--sets A,B] [--runs N] [--json FILE] [--no-cli] [--no-emit] | smoke | runner [--seconds S] | write-plain SRC DST");
        return 2;
}
