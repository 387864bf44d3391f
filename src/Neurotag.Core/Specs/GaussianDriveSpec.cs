namespace Neurotag.Core.Specs;

/// <summary>
/// Gaussian drive with a shared factor: channel i receives
/// <c>mean + std·(√c·S(t) + √(1 − c)·X_i(t))</c>, where S and every X_i are independent unit Ornstein–Uhlenbeck
/// processes with correlation time τ. So each channel has mean <c>mean</c>, standard deviation <c>std</c>,
/// autocorrelation <c>e^(−Δ/τ)</c>, and any two channels have correlation c.
/// </summary>
/// <param name="Mean">Mean added input (rate units).</param>
/// <param name="Std">Stationary standard deviation (rate units), ≥ 0.</param>
/// <param name="Correlation">Pairwise correlation c between channels, in [0, 1].</param>
/// <param name="TauMs">Correlation time τ in ms, > 0.</param>
public sealed record GaussianDriveSpec(double Mean, double Std, double Correlation, double TauMs);
