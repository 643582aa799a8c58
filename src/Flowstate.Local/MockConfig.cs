using System.Globalization;

namespace Flowstate.Local;

/// <summary>
/// Step Functions Local's MockConfigFile.json: StateMachines -> machine -> TestCases -> case -> {state:
/// response name}, and MockedResponses -> name -> {"0": {Return|Throw}, "1-2": ...} keyed by the
/// state's call number (retries count), so existing test cases run here as they are.
/// </summary>
public sealed class MockConfig
{
    private readonly JsonValue _root;

    private MockConfig(JsonValue root) => _root = root;

    /// <summary>Reads a mock configuration; throws <see cref="LocalRunnerException"/> saying what is wrong.</summary>
    public static MockConfig Parse(string json)
    {
        JsonValue root;
        try { root = JsonCompare.Parse(json); }
        catch (FormatException e) { throw new LocalRunnerException($"The mock config is not valid JSON: {e.Message}"); }
        if (!root.IsObject || root["StateMachines"] is not { IsObject: true } || root["MockedResponses"] is not { IsObject: true })
            throw new LocalRunnerException("The mock config must be an object with \"StateMachines\" and \"MockedResponses\" objects.");
        return new MockConfig(root);
    }

    /// <summary>Reads a mock configuration file.</summary>
    public static MockConfig Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The state machine names the config has test cases for.</summary>
    public IReadOnlyList<string> StateMachineNames => _root["StateMachines"]!.Properties.Select(p => p.Name).ToList();

    /// <summary>The mocks of one test case: state name to its call-numbered responses. Throws when the machine or case is missing.</summary>
    internal Dictionary<string, MockedResponse> TestCase(string machine, string testCase)
    {
        var machines = _root["StateMachines"]!;
        var m = machines[machine] ?? throw new LocalRunnerException(
            $"The mock config has no state machine '{machine}' (it has: {string.Join(", ", StateMachineNames)}).");
        var cases = m["TestCases"];
        var tc = cases?[testCase] ?? throw new LocalRunnerException(
            $"The mock config has no test case '{testCase}' for '{machine}' (it has: {string.Join(", ", cases?.Properties.Select(p => p.Name) ?? Array.Empty<string>())}).");
        var result = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        foreach (var p in tc.Properties)
        {
            if (!p.Value.IsString) throw new LocalRunnerException($"Test case '{testCase}': the mocked response of state '{p.Name}' must be the name of a MockedResponses entry.");
            var responses = _root["MockedResponses"]![p.Value.Text!] ?? throw new LocalRunnerException(
                $"Test case '{testCase}' maps state '{p.Name}' to '{p.Value.Text}', which is not in MockedResponses.");
            result[p.Name] = new MockedResponse(p.Value.Text!, responses);
        }
        return result;
    }
}

/// <summary>One MockedResponses entry: responses by call number ("0", "1-2", ...).</summary>
internal sealed class MockedResponse
{
    private readonly List<(int From, int To, JsonValue Response)> _ranges = new();

    public MockedResponse(string name, JsonValue value)
    {
        Name = name;
        if (!value.IsObject) throw new LocalRunnerException($"MockedResponses '{name}' must be an object of call numbers.");
        foreach (var p in value.Properties)
        {
            var parts = p.Name.Split('-');
            if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
                throw new LocalRunnerException($"MockedResponses '{name}': '{p.Name}' is not a call number (\"0\") or range (\"1-2\").");
            if (!p.Value.IsObject || (p.Value["Return"] is null) == (p.Value["Throw"] is null))
                throw new LocalRunnerException($"MockedResponses '{name}' call '{p.Name}' must have exactly one of \"Return\" and \"Throw\".");
            _ranges.Add((from, to, p.Value));
        }
    }

    public string Name { get; }

    /// <summary>The response for call <paramref name="n"/> (0-based): Return value or Throw (Error, Cause); null when none is defined.</summary>
    public JsonValue? For(int n)
    {
        foreach (var (from, to, response) in _ranges)
            if (n >= from && n <= to) return response;
        return null;
    }
}
