namespace Neurotag.Scenarios;

/// <summary>
/// One problem in a scenario: where (file, 1-based line and column, key path), what was expected, and a hint.
/// Rendered as <c>file:line:col: key.path: message (hint: …)</c>, the format compilers use so editors can jump to it.
/// </summary>
/// <param name="File">The scenario file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Path">Key path, e.g. <c>populations.cortex.neuron.tau</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Hint">How to fix it; may be empty.</param>
public sealed record Diagnostic(string File, int Line, int Column, string Path, string Message, string Hint)
{
    /// <summary>How many diagnostics a report shows; the rest are counted, so a file of a million mistakes prints a screenful.</summary>
    public const int MaxShown = 100;

    /// <summary>
    /// The lines that report <paramref name="errors"/>: the first <paramref name="max"/>, then one line counting the
    /// rest. Every place that prints or stores a list of diagnostics goes through here.
    /// </summary>
    public static IEnumerable<string> Lines(IReadOnlyList<Diagnostic> errors, int max = MaxShown)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors.Take(max))
        {
            yield return error.ToString();
        }

        if (errors.Count > max)
        {
            int rest = errors.Count - max;
            yield return $"… and {rest:N0} more error{(rest == 1 ? "" : "s")} (the first {max} are shown; fix them and validate again)";
        }
    }

    /// <summary><see cref="Lines"/> joined by line breaks.</summary>
    public static string Text(IReadOnlyList<Diagnostic> errors, int max = MaxShown) => string.Join("\n", Lines(errors, max));

    /// <inheritdoc />
    public override string ToString()
    {
        string where = Path.Length == 0 ? string.Empty : Path + ": ";
        string hint = Hint.Length == 0 ? string.Empty : $" (hint: {Hint})";
        return $"{File}:{Line}:{Column}: {where}{Message}{hint}";
    }
}
