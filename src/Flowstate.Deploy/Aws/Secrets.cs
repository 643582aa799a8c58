using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Flowstate.Deploy.Aws;

/// <summary>
/// Removes credential material from anything the program prints or logs. Every line goes through
/// <see cref="Redact"/>: the known secret values of the credentials in use (access key id, secret
/// key, session token), and anything shaped like a SigV4 signature or an access key id, are replaced.
/// Belt and braces: the request log never formats headers or bodies in the first place.
/// </summary>
public sealed class Secrets
{
    private static readonly Regex SignaturePattern = new("Signature=[0-9a-f]{16,}", RegexOptions.CultureInvariant);
    private static readonly Regex CredentialScopePattern = new("Credential=[^,\\s]+", RegexOptions.CultureInvariant);
    private static readonly Regex AccessKeyPattern = new("\\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\\b", RegexOptions.CultureInvariant);

    private readonly object _gate = new();
    private string[] _values = Array.Empty<string>();

    /// <summary>Registers secret values (the credentials just resolved). Short values are ignored (they would redact ordinary words).</summary>
    public void Add(params string?[] values)
    {
        lock (_gate)
            _values = _values.Concat(values.Where(v => v is { Length: >= 8 })!).Distinct(StringComparer.Ordinal)
                .OrderByDescending(v => v!.Length).ToArray()!;
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        string[] values;
        lock (_gate) values = _values;
        foreach (var v in values)
            text = text.Replace(v, "****", StringComparison.Ordinal);
        text = SignaturePattern.Replace(text, "Signature=****");
        text = CredentialScopePattern.Replace(text, "Credential=****");
        return AccessKeyPattern.Replace(text, "****");
    }

    internal IReadOnlyList<string> KnownValues { get { lock (_gate) return _values; } }
}
