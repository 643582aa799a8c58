using Flowstate.Core.Deployment;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;

namespace Flowstate.Generator.Tests.Deployment;

public class TimeZonesTests
{
    private const string TzdataSource = "/usr/share/zoneinfo/tzdata.zi";

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Etc/GMT+5")]
    [InlineData("US/Eastern")]
    public void KnownNames_AreValid(string name)
    {
        Assert.True(TimeZones.IsValid(name));
        Assert.Null(TimeZones.Check(name));
    }

    [Theory]
    [InlineData("Europe/Berln", "Europe/Berlin")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData("Europe/Brelin", "Europe/Berlin")]
    [InlineData("America/New York", "America/New_York")]
    [InlineData("Berlin", "Europe/Berlin")]
    [InlineData("tokyo", "Asia/Tokyo")]
    [InlineData("Asia/Calcuta", "Asia/Calcutta")]
    [InlineData("Utc", "UTC")]
    public void Typos_GetTheClosestName(string typo, string expected)
    {
        Assert.False(TimeZones.IsValid(typo));
        var problem = TimeZones.Check(typo)!;
        Assert.Equal(DiagnosticIds.UnknownTimeZone, problem.Id);
        Assert.Equal((0, typo.Length), (problem.Offset, problem.Length));
        Assert.Equal(expected, problem.Replacement);
        Assert.Contains($"did you mean '{expected}'?", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Central European Time")]
    [InlineData("")]
    public void Nonsense_GetsNoSuggestion(string name)
    {
        var problem = TimeZones.Check(name)!;
        Assert.Null(problem.Replacement);
        Assert.Contains("IANA time-zone name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_IsSortedOrdinal_AndHasNoDuplicates()
    {
        var names = TimeZones.Names.ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.True(names.Count > 400);
    }

    /// <summary>
    /// The embedded table equals the tz database it was generated from (Debian tzdata's tzdata.zi: every
    /// Zone and Link name). When the machine has a newer tzdata, this fails: regenerate the table with
    /// eng/generate-timezones.py and commit it.
    /// </summary>
    [Fact]
    public void Table_MatchesTheTzdataSource()
    {
        Assert.True(File.Exists(TzdataSource),
            $"{TzdataSource} is missing: install Debian's tzdata package (apt-get install tzdata) to check the embedded time-zone table against its source");
        var lines = File.ReadAllLines(TzdataSource);
        var version = lines.First(l => l.StartsWith("# version ", StringComparison.Ordinal)).Split(' ')[2];
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "Z") names.Add(parts[1]);
            else if (parts.Length >= 3 && parts[0] == "L") names.Add(parts[2]);
        }
        var hint = $"the table was generated from tzdata {TimeZones.Source}, the machine has {version}; run python3 eng/generate-timezones.py and commit the result";
        Assert.True(names.SetEquals(TimeZones.Names),
            hint + ". Only in the source: " + string.Join(", ", names.Except(TimeZones.Names).Take(10))
            + "; only in the table: " + string.Join(", ", TimeZones.Names.Except(names).Take(10)));
        Assert.Contains(version, TimeZones.Source, StringComparison.Ordinal);
    }

    /// <summary>The deploy program resolves the names with TimeZoneInfo; on this host every embedded name resolves.</summary>
    [Fact]
    public void EveryEmbeddedName_ResolvesOnTheDeployHost()
    {
        var unresolved = TimeZones.Names.Where(n => !TimeZoneInfo.TryFindSystemTimeZoneById(n, out _)).ToList();
        Assert.True(unresolved.Count == 0, "not resolvable by TimeZoneInfo here: " + string.Join(", ", unresolved.Take(20)));
    }
}
