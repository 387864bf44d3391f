namespace Neurotag.Core.Specs;

/// <summary>
/// The integer clock (Brian2 habit: time is a step count, never <c>t += dt</c>). The step is kept as a whole
/// number of nanoseconds so that <c>t_ms = step · dt</c> prints as the decimal the user expects (0.3, not 0.30000000000000004).
/// </summary>
/// <param name="DtNanoseconds">The step in nanoseconds; positive.</param>
public readonly record struct Clock(long DtNanoseconds)
{
    /// <summary>The step in milliseconds.</summary>
    public double DtMs => DtNanoseconds / 1e6;

    /// <summary>
    /// Time in ms at the start of step <paramref name="step"/>; exact to the nanosecond while step · dt fits in a
    /// long (292 years), beyond that to the double nearest the whole milliseconds plus the rest. The product is
    /// taken in 128 bits: in 64 bits it wrapped around to negative times for long offline phases (110 000 days at
    /// dt = 0.1 ms).
    /// </summary>
    public double TimeMs(long step)
    {
        Int128 nanoseconds = (Int128)step * DtNanoseconds;
        if (nanoseconds >= long.MinValue && nanoseconds <= long.MaxValue)
        {
            return (long)nanoseconds / 1e6;
        }

        // Whole milliseconds and the rest apart: both convert exactly (the milliseconds up to 2^53), so a day count
        // stays a round number of milliseconds instead of picking up the rounding of one 64-bit-plus product.
        return (double)(nanoseconds / 1_000_000) + ((double)(nanoseconds % 1_000_000) / 1e6);
    }
}
