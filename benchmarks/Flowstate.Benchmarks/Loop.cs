using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Flowstate.Benchmarks;

/// <summary>One scenario in a loop, for a profiler: <c>dotnet-trace collect -- dotnet Flowstate.Benchmarks.dll loop generator 200x25 20</c>.</summary>
public static class Loop
{
    public static int Run(string scenario, string set, int times)
    {
        var workload = Workload.Get(set);
        Action action;
        switch (scenario)
        {
            case "generator":
                action = () => Scenarios.GenerateCold(workload.Compilation);
                break;
            case "analyzers":
                var generated = Scenarios.GenerateCold(workload.Compilation).Output;
                action = () => Scenarios.Analyze(generated);
                break;
            case "analyzers-after-compiler":
                var compiled = Scenarios.GenerateCold(workload.Compilation).Output;
                action = () => Scenarios.AfterCompiler.Run(Scenarios.AfterCompiler.Prepare(compiled));
                break;
            case "ide-inside":
            case "ide-outside":
                var session = new Scenarios.IdeSession(workload);
                action = scenario == "ide-inside" ? () => session.EditInside() : () => session.EditOutside();
                break;
            case "emit":
                Compilation output = Scenarios.GenerateCold(workload.Compilation).Output;
                action = () => Report.EmitOrThrow(output.Clone());
                break;
            case "emit-user":
                var user = Report.WithoutGeneratedMachines(Scenarios.GenerateCold(workload.Compilation).Output);
                action = () => Report.EmitOrThrow(user.Clone());
                break;
            case "emit-plain":
                var plain = Report.PlainCompilation(workload);
                action = () => Report.EmitOrThrow(plain.Clone());
                break;
            case "bind":
                action = () => Scenarios.BindAttributes(workload.Compilation);
                break;
            default:
                Console.Error.WriteLine($"loop: unknown scenario '{scenario}'");
                return 2;
        }
        var sw = new Stopwatch();
        for (var i = 0; i < times; i++)
        {
            sw.Restart();
            action();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine($"{scenario} {set} run {i + 1}: {sw.Elapsed.TotalMilliseconds:0.0} ms (process CPU so far {cpu.TotalMilliseconds:0} ms)");
        }
        return 0;
    }
}
