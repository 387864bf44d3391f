namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// How a projection passes activity and learns in one step (one class per rule, Auryn habit). The step cycle calls
/// <see cref="Advance"/> once per projection per step; it must add the projection's input to the postsynaptic
/// population's input buffer.
/// </summary>
public interface IProjectionRule
{
    /// <summary>Propagates presynaptic rates (already gathered) and, when <paramref name="learning"/>, updates weights.</summary>
    void Advance(bool learning);

    /// <summary>Advances the weights over an offline interval in closed form (decay only; no activity).</summary>
    void FastForward(double durationMs);
}
