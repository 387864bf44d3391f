namespace Neurotag.Scenarios.Expectations;

/// <summary>The outcome of an expectation over seeds: what <c>check</c> prints and JUnit carries as properties.</summary>
/// <param name="Expectation">The expectation.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Statistic">e.g. <c>mean</c>, <c>mean difference</c>, <c>ratio of means</c>, <c>fraction passing</c>.</param>
/// <param name="Estimate">Its value.</param>
/// <param name="CiLow">Lower end of its 95 % confidence interval.</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="Test">The test, e.g. <c>Welch t (greater)</c>; empty when there is none.</param>
/// <param name="P">Its p-value (NaN when there is no test).</param>
/// <param name="N">Seeds per condition.</param>
/// <param name="Detail">The verdict with numbers, or why it could not be evaluated.</param>
public sealed record SeedExpectationResult(Expectation Expectation, bool Passed, string Statistic, double Estimate, double CiLow, double CiHigh, string Test, double P, int N, string Detail);
