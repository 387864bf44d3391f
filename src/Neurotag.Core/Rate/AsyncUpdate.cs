using Neurotag.Core.Randomness;

namespace Neurotag.Core.Rate;

/// <summary>
/// Asynchronous dynamics of binary units (Hopfield 1982, PNAS 79:2554): one step is one sweep that visits every unit
/// once in an order shuffled (Fisher–Yates) from the population's <c>update:NAME</c> stream and sets
/// <c>s_i = f(gain·(h_i − θ_i))</c>. The input h_i must see the units already updated in this sweep, so when s_j
/// changes by Δ the recurrent projections add <c>sign·w_ij·Δ</c> to every unit's buffered input: the buffer then
/// equals what a full propagation from the current state would give (drives and other projections were added at the
/// start of the step and do not change within it). With symmetric weights and a zero diagonal each update lowers
/// or keeps the energy <c>E = −½ Σ w_ij s_i s_j + Σ θ_i s_i</c> (Hopfield 1982, eq. 7), so the sweep converges to a
/// fixed point.
/// </summary>
internal sealed class AsyncUpdate(RatePopulation population, RandomSource order)
{
    private readonly int[] _visit = [.. Enumerable.Range(0, population.Size)];
    private DenseProjection[] _recurrent = [];

    public void SetRecurrent(DenseProjection[] recurrent) => _recurrent = recurrent;

    public void Sweep()
    {
        var p = population;
        int n = _visit.Length;
        for (int i = n - 1; i > 0; i--)
        {
            int j = order.NextInt(i + 1);
            (_visit[i], _visit[j]) = (_visit[j], _visit[i]);
        }

        double gain = p.Gain;
        var rate = p.Rate;
        var input = p.Input;
        foreach (int i in _visit)
        {
            float s = (float)RatePopulation.Transfer(p.Activation, gain * (input[i] - p.Threshold[i]));
            float delta = s - rate[i];
            if (delta == 0f)
            {
                continue;
            }

            rate[i] = s;
            foreach (var projection in _recurrent)
            {
                int pre = projection.PreLocal[i];
                if (pre < 0)
                {
                    continue;
                }

                float scaled = projection.Sign * delta;
                var w = projection.Weights;
                long stride = projection.PreCount;
                for (int j = 0; j < projection.PostCount; j++)
                {
                    input[projection.PostNeurons[j]] += scaled * w[(j * stride) + pre];
                }
            }
        }
    }
}
