namespace Neurotag.Core.Tests.Spiking.AdEx;

/// <summary>The firing-class criteria on synthetic ISI sequences (ms), including near misses, so the classifier can fail.</summary>
public sealed class FiringClassifierTests
{
    [Fact]
    public void FewSpikes_AreSilentOrTransient()
    {
        Assert.Equal(FiringClass.Silent, FiringClassifier.Classify([]));
        Assert.Equal(FiringClass.Transient, FiringClassifier.Classify([30.2]));
        Assert.Equal(FiringClass.Transient, FiringClassifier.Classify([10, 20, 30, 40]));
    }

    [Fact]
    public void Classes_OfTypicalSequences()
    {
        Assert.Equal(FiringClass.Tonic, Classify(Enumerable.Repeat(10.0, 20)));
        // Lengthening that saturates: r ≤ 1.4, A ≈ 0.077, d_last/d_1 ≈ 3.5, tail CV small.
        Assert.Equal(FiringClass.Adapting, Classify([10, 14, 19, 25, 30, 33, 34, 34.5, 34.7]));
        Assert.Equal(FiringClass.InitialBurst, Classify([3, 6, 50, 50, 50, 50, 50]));
        Assert.Equal(FiringClass.RegularBursting, Classify([3, 100, 3, 100, 3, 100, 3, 100]));
        Assert.Equal(FiringClass.Accelerating, Classify([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]));
        // Bursts whose long ISIs vary (CV 0.2): irregular by rule 2; unstructured ISIs (tail CV 0.39): rule 3.
        Assert.Equal(FiringClass.Irregular, Classify([3, 100, 3, 140, 3, 80, 3, 120]));
        Assert.Equal(FiringClass.Irregular, Classify([10, 20, 12, 24, 10, 22, 9, 25, 10, 24]));
    }

    [Fact]
    public void NearMisses_AreNotClassified()
    {
        // Slow linear lengthening 10 → 13 ms: too much adaptation for tonic (A ≈ 0.013), too little for adapting.
        Assert.Equal(FiringClass.Unclassified, Classify(Enumerable.Range(0, 13).Select(k => 10 + (0.25 * k))));
        // An initial burst whose steady state jitters (tail CV ≈ 0.1): neither initial burst nor irregular.
        Assert.Equal(FiringClass.Unclassified, Classify([3, 6, 50, 40, 55, 45, 60, 42, 52]));
        // The jump comes too late (k = 6) for an initial burst.
        Assert.NotEqual(FiringClass.InitialBurst, Classify([3, 3, 3, 3, 3, 3, 50, 50, 50, 50, 50, 50, 50, 50, 50]));
    }

    private static FiringClass Classify(IEnumerable<double> isis) => FiringClassifier.ClassifyIsis(isis.ToList());
}
