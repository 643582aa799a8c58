using System.Text;

namespace Flowstate.Core.Deployment;

/// <summary>
/// CloudFormation logical ids derived from C# names: readable (the class name), stable (no index
/// that shifts when something else is added, except for unnamed repeated schedules and rules), and
/// valid (ASCII letters and digits only, at most 255 characters).
/// </summary>
public static class LogicalIds
{
    public const int MaxLength = 255;

    /// <summary>The ASCII letters and digits of <paramref name="name"/>; "X" when none remain.</summary>
    public static string Of(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9') sb.Append(c);
        if (sb.Length == 0) sb.Append('X');
        if (sb.Length > MaxLength) sb.Length = MaxLength;
        return sb.ToString();
    }

    /// <summary>True when <paramref name="name"/> is usable as (part of) a logical id as it is.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || name.Length > MaxLength) return false;
        foreach (var c in name)
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')) return false;
        return true;
    }

    /// <summary>The placeholder that stands for the ARN of the machine declared by class <paramref name="className"/>.</summary>
    public static string MachineArnPlaceholder(string className) => Of(className) + "Arn";

    /// <summary>True for a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128 characters.</summary>
    public static bool IsValidStackName(string name)
    {
        if (name.Length == 0 || name.Length > 128) return false;
        if (!(name[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z')) return false;
        foreach (var c in name)
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-')) return false;
        return true;
    }

    /// <summary>"DailyEtl" -> "daily-etl", "ETLJobs" -> "etl-jobs": the default stack name of an assembly.</summary>
    public static string KebabCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is >= 'A' and <= 'Z')
            {
                var prevLower = i > 0 && (name[i - 1] is >= 'a' and <= 'z' or >= '0' and <= '9');
                var nextLower = i + 1 < name.Length && name[i + 1] is >= 'a' and <= 'z';
                var prevUpper = i > 0 && name[i - 1] is >= 'A' and <= 'Z';
                if (sb.Length > 0 && sb[sb.Length - 1] != '-' && (prevLower || (prevUpper && nextLower))) sb.Append('-');
                sb.Append((char)(c + 32));
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[sb.Length - 1] != '-')
            {
                sb.Append('-');
            }
        }
        var s = sb.ToString().Trim('-');
        if (s.Length == 0 || !(s[0] is >= 'a' and <= 'z')) s = "stack-" + s;
        return s.Length > 128 ? s.Substring(0, 128).TrimEnd('-') : s;
    }
}
