namespace Neurotag.Core.Spiking.Events;

/// <summary>
/// "post fires within Δ after pre" (Izhikevich 2007, Cereb Cortex 17:2443, the rewarded n1 → n2 pairing): a post spike
/// at step t is one trigger when the pre neuron's latest spike before step t is at p with t − p &lt; Δ. Only the latest
/// earlier pre spike matters (an earlier one is further away), so the state is one step number. A pre spike in the
/// same step as the post spike does not pair (its timing within the step is unknown) and does not hide an earlier one.
/// </summary>
public sealed class PairingDetector : IEventDetector
{
    private readonly SpikingPopulation? _prePopulation;
    private readonly SpikingPopulation? _postPopulation;
    private readonly int _pre;
    private readonly int _post;
    private readonly long _windowSteps;
    private long _lastPre = long.MinValue;

    /// <summary>A detector fed by <see cref="Observe"/> (tests, or a caller that knows the spikes).</summary>
    /// <param name="windowSteps">Δ in steps, ≥ 1.</param>
    public PairingDetector(long windowSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSteps, 1);
        _windowSteps = windowSteps;
    }

    /// <summary>A detector on neuron <paramref name="pre"/> of <paramref name="prePopulation"/> and <paramref name="post"/> of <paramref name="postPopulation"/>.</summary>
    public PairingDetector(SpikingPopulation prePopulation, int pre, SpikingPopulation postPopulation, int post, long windowSteps)
        : this(windowSteps)
    {
        _prePopulation = prePopulation;
        _postPopulation = postPopulation;
        _pre = pre;
        _post = post;
    }

    /// <summary>Step <paramref name="step"/> (increasing) with the pre and post neuron's spikes: 1 if it is a pairing, else 0.</summary>
    public int Observe(long step, bool preSpiked, bool postSpiked)
    {
        int fired = postSpiked && _lastPre != long.MinValue && step - _lastPre < _windowSteps ? 1 : 0;
        if (preSpiked)
        {
            _lastPre = step;
        }

        return fired;
    }

    /// <inheritdoc />
    public int Triggers(long stepIndex) =>
        Observe(stepIndex, _prePopulation!.Spikes.BinarySearch(_pre) >= 0, _postPopulation!.Spikes.BinarySearch(_post) >= 0);

    /// <inheritdoc />
    public void EnterPhase()
    {
    }
}
