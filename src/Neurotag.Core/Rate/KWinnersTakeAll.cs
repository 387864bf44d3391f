namespace Neurotag.Core.Rate;

/// <summary>
/// k-winners-take-all: an idealised strong lateral inhibition that lets exactly k neurons of a population be active
/// each step (Majani, Erlanson &amp; Abu-Mostafa 1989; O'Reilly 1998). The winners are the k neurons with the largest
/// drive u = I − θ; ties at the k-th value go to the lower neuron index, so exactly k win. Losers are silenced
/// (rate 0) for the step; winners integrate normally.
/// </summary>
internal sealed class KWinnersTakeAll
{
    private readonly int _k;
    private readonly float[] _sorted;

    public KWinnersTakeAll(int k, int size)
    {
        _k = Math.Clamp(k, 0, size);
        _sorted = new float[size];
        Winners = new bool[size];
    }

    /// <summary>Per neuron, whether it won the last selection.</summary>
    public bool[] Winners { get; }

    /// <summary>Marks the k neurons with the largest <c>input − threshold</c> in <see cref="Winners"/>.</summary>
    public void Select(float[] input, float[] threshold)
    {
        int size = _sorted.Length;
        for (int i = 0; i < size; i++)
        {
            _sorted[i] = input[i] - threshold[i];
        }

        Array.Clear(Winners);
        if (_k == 0)
        {
            return;
        }

        // The k-th largest drive; a NaN input sorts first (lowest) and so never wins ahead of a number.
        Array.Sort(_sorted);
        float kth = _sorted[size - _k];
        int above = 0;
        for (int i = size - 1; i >= 0 && _sorted[i] > kth; i--)
        {
            above++;
        }

        int tiesLeft = _k - above;
        for (int i = 0; i < size; i++)
        {
            float u = input[i] - threshold[i];
            if (u > kth)
            {
                Winners[i] = true;
            }
            else if (u == kth && tiesLeft > 0)
            {
                Winners[i] = true;
                tiesLeft--;
            }
        }
    }
}
