using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Neurotag.Cli.Commands;

/// <summary>
/// Options that take a whole number. System.CommandLine's own conversion reports a bad token with the .NET type name
/// ("as expected type 'System.Nullable`1[System.UInt64]'"); these parse the raw token themselves and say, in words,
/// what was expected. (A validator that calls GetValueOrDefault on an unconvertible token crashes the process,
/// toolchain-notes.md: parsing the token is the safe way.) Ranges beyond the type (at least 1 job, …) stay with
/// the commands, which report them with the scenario's other problems.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A seed: a whole number from 0 to 2^64 − 1.</summary>
    public static Option<ulong?> Seed(string description) => new("--seed")
    {
        Description = description,
        CustomParser = result => ParseSeed(result),
    };

    /// <summary>A count (jobs, seeds, shards, CPUs): a whole number that fits an int; <paramref name="example"/> shows one.</summary>
    public static Option<int?> Count(string name, string description, string example, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        CustomParser = result => ParseCount(result, example),
    };

    /// <summary>A non-negative number (a margin), e.g. 0.1.</summary>
    public static Option<double?> NonNegative(string name, string description, string example) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string token = Token(result);
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0)
            {
                return value;
            }

            result.AddError($"{OptionName(result)}: expected a number of at least 0, found '{token}' (for example {OptionName(result)} {example})");
            return null;
        },
    };

    private static ulong? ParseSeed(ArgumentResult result)
    {
        string token = Token(result);
        if (ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            return seed;
        }

        result.AddError($"{OptionName(result)}: expected a seed, a whole number from 0 to {ulong.MaxValue}, found '{token}' (for example {OptionName(result)} 42)");
        return null;
    }

    private static int? ParseCount(ArgumentResult result, string example)
    {
        string token = Token(result);
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int count))
        {
            return count;
        }

        string what = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? $"a whole number up to {int.MaxValue}" : "a whole number";
        result.AddError($"{OptionName(result)}: expected {what}, found '{token}' (for example {OptionName(result)} {example})");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "the option";
}
