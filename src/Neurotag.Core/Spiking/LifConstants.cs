using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neurotag.Core.Spiking;

/// <summary>Constants of one LIF population's step, computed once at build time (Brian2's "exact" constants).</summary>
/// <param name="Conductance">COBA when true, CUBA otherwise.</param>
/// <param name="RestPlusBias">v_rest + bias (mV).</param>
/// <param name="InvGLeak">1/g_leak (1/nS), COBA.</param>
/// <param name="EExc">Excitatory reversal potential (mV), COBA.</param>
/// <param name="EInh">Inhibitory reversal potential (mV), COBA.</param>
/// <param name="NegDtOverTau">−dt/τ_m.</param>
/// <param name="DecayM">e^{−dt/τ_m}, CUBA.</param>
/// <param name="KickE">CUBA: weight of I_e(t) in v(t+dt), (τ_e/(τ_e−τ_m))·(e^{−dt/τ_e} − e^{−dt/τ_m}).</param>
/// <param name="KickI">CUBA: the same for I_i with τ_i.</param>
/// <param name="DecayE">e^{−dt/τ_e}.</param>
/// <param name="DecayI">e^{−dt/τ_i}.</param>
/// <param name="VThresh">Threshold (mV).</param>
/// <param name="VReset">Reset (mV).</param>
/// <param name="RefractorySteps">Refractory period in steps.</param>
public readonly record struct LifConstants(
    bool Conductance, float RestPlusBias, float InvGLeak, float EExc, float EInh, float NegDtOverTau, float DecayM,
    float KickE, float KickI, float DecayE, float DecayI, float VThresh, float VReset, float RefractorySteps);
