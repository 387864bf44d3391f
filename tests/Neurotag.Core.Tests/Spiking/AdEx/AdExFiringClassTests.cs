namespace Neurotag.Core.Tests.Spiking.AdEx;

/// <summary>
/// The parameter sets of Naud et al. (2008) Table 1 give that paper's firing-pattern classes when AdExPopulation
/// integrates them: a 500 ms step current from v = E_L, w = 0, classified by <see cref="FiringClassifier"/> (the
/// operational criteria of Fixtures/adex/README.md, which put Brian2's trains of the same sets in these classes at
/// both steps). The issue names the first four; the other four pass as well.
/// </summary>
public sealed class AdExFiringClassTests
{
    [Theory]
    [InlineData("tonic", FiringClass.Tonic)]
    [InlineData("adapting", FiringClass.Adapting)]
    [InlineData("initial-burst", FiringClass.InitialBurst)]
    [InlineData("regular-bursting", FiringClass.RegularBursting)]
    [InlineData("delayed-accelerating", FiringClass.Accelerating)]
    [InlineData("delayed-regular-bursting", FiringClass.RegularBursting)]
    [InlineData("transient", FiringClass.Transient)]
    [InlineData("irregular", FiringClass.Irregular)]
    internal void NaudSet_FiresInItsClass(string set, FiringClass expected)
    {
        foreach (double dtMs in new[] { 0.1, 0.01 })
        {
            var steps = AdExReference.SpikeSteps(AdExReference.Population(AdExReference.Naud[set], dtMs), (long)Math.Round(500 / dtMs));
            var times = steps.Select(k => k * dtMs).ToList();
            Assert.True(expected == FiringClassifier.Classify(times), $"{set} at dt {dtMs} ms: {FiringClassifier.Classify(times)}, {steps.Count} spikes");
        }
    }
}
