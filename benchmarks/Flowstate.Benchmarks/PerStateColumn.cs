using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Flowstate.Benchmarks;

/// <summary>(5) Allocated bytes per state: the memory diagnoser's bytes per operation over the set's state count.</summary>
public sealed class PerStateColumn : IColumn
{
    public string Id => nameof(PerStateColumn);
    public string ColumnName => "Alloc/state";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Size;
    public string Legend => "Bytes allocated per operation divided by the number of states in the set";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var set = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Set")?.Value as string;
        var report = summary[benchmarkCase];
        if (set is null || report?.GcStats is not { } gc) return "-";
        var bytes = gc.GetBytesAllocatedPerOperation(benchmarkCase);
        if (bytes is null) return "-";
        var parts = set.Split('x');
        var states = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return (bytes.Value / states).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " B";
    }
}
