namespace Neurotag.Plotting.Data;

/// <summary>
/// The folder given to <c>plot</c> cannot be plotted: it is not a run or sweep folder, or one of its files is
/// malformed. The message names the folder or file (with line and column where there is one) and what was expected;
/// the CLI turns it into exit code 2.
/// </summary>
public sealed class PlotInputException : Exception
{
    public PlotInputException()
    {
        Hint = "";
    }

    public PlotInputException(string message)
        : base(message)
    {
        Hint = "";
    }

    public PlotInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Hint = "";
    }

    public PlotInputException(string message, string hint, Exception? innerException = null)
        : base(message, innerException)
    {
        Hint = hint;
    }

    /// <summary>What to do about it.</summary>
    public string Hint { get; }
}
