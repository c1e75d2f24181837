package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A KVM host as the VM-exit model sees it: which exits happen and what one costs. Read from a JSON
 * file ({@code dev/countersign/vmexit/hosts/<name>.json} in the jar, or {@code
 * src/test/countersign/hosts/<name>.json} in the user's module); see {@link HostProfiles}. The
 * sources of the defaults are Linux {@code arch/x86/kvm} and the Intel SDM / AMD APM as gathered in
 * the project's REFERENCE.md (KVM VM exits).
 *
 * @param name profile name, lower case letters, digits and dashes; equals the file's base name
 * @param description one line saying what host this is
 * @param vendor {@code intel-vmx} or {@code amd-svm}: which PAUSE rule applies
 * @param ple Intel PAUSE-loop exiting, TSC ticks (kvm_intel {@code ple_gap} 128, {@code
 *     ple_window} 4096, {@code ple_window_grow} 2, {@code ple_window_shrink} 0, {@code
 *     ple_window_max} UINT_MAX; {@code ple_gap = 0} disables PLE); required for {@code intel-vmx},
 *     ignored otherwise
 * @param pauseFilter AMD pause filter (kvm_amd {@code pause_filter_count} 3000, {@code
 *     pause_filter_thresh} 128 TSC ticks, grow 2, shrink 0, max 65535); required for {@code
 *     amd-svm}, ignored otherwise
 * @param pauseExits false when the VMM disabled PAUSE exits ({@code KVM_CAP_X86_DISABLE_EXITS}),
 *     as on dedicated cores
 * @param hltExits false when the VMM disabled HLT exits ({@code KVM_CAP_X86_DISABLE_EXITS})
 * @param ipiVirtualization Intel IPI virtualisation ({@code enable_ipiv}, Sapphire Rapids and
 *     later): unicast x2APIC ICR writes do not exit
 * @param pvSendIpi the guest sees {@code KVM_FEATURE_PV_SEND_IPI}: multi-target IPIs become one
 *     {@code KVM_HC_SEND_IPI} hypercall per up to 128 targets (a Linux guest enables it when
 *     offered)
 * @param pvTlbFlush the guest sees {@code KVM_FEATURE_PV_TLB_FLUSH}: preempted vCPUs are skipped by
 *     shootdowns (the model assumes dedicated vCPUs, none preempted, so it changes no count)
 * @param preemptionTimer KVM emulates the guest's TSC deadline with the VMX-preemption timer
 *     (kvm_intel {@code preemption_timer}, default on): expiries while the vCPU runs exit with
 *     PREEMPTION_TIMER; otherwise a host hrtimer fires, an EXTERNAL_INTERRUPT
 * @param hostHugePages guest memory backed by 2 MiB host pages (THP or hugetlbfs): one EPT
 *     violation maps 512 guest 4 KiB pages
 * @param eptRefaultsPerPage extra EPT violations per first-touched page because the host reclaimed,
 *     migrated or merged (KSM) it and the guest touched it again; 0 on a host that never does
 * @param hostHz host timer tick rate, Hz, while a vCPU runs (CONFIG_HZ of the host kernel; 250 in
 *     the x86 defconfig, 1000 in RHEL); 0 for a {@code nohz_full} host core
 * @param deviceInterruptsPerSecond host device interrupts landing on the vCPU's core while the guest
 *     runs, per second of guest run time
 * @param guestVcpus vCPUs of the guest: a TLB shootdown targets the other {@code guestVcpus - 1}
 *     (an upper bound: the CPUs running the process)
 * @param exitCostNs per exit reason (every reason except ANY), the time one exit costs the guest,
 *     ns: about 2,000 cycles direct on Nehalem, up to 10× with indirect costs (SplitX, WIOV 2011);
 *     there is no trustworthy modern figure, hence a parameter
 */
public record HostProfile(
    String name,
    String description,
    Vendor vendor,
    Ple ple,
    PauseFilter pauseFilter,
    boolean pauseExits,
    boolean hltExits,
    boolean ipiVirtualization,
    boolean pvSendIpi,
    boolean pvTlbFlush,
    boolean preemptionTimer,
    boolean hostHugePages,
    double eptRefaultsPerPage,
    double hostHz,
    double deviceInterruptsPerSecond,
    int guestVcpus,
    Map<VmExitReason, Double> exitCostNs) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Guest 4 KiB pages per 2 MiB host page. */
  public static final int PAGES_PER_HUGE_PAGE = 512;

  public HostProfile {
    require(name != null && NAME.matcher(name).matches(), "name",
        "is '" + name + "'; use lower-case letters, digits and dashes (e.g. my-host)");
    require(description != null, "description", "is missing");
    require(vendor != null, "vendor", "is missing; use intel-vmx or amd-svm");
    require(vendor != Vendor.INTEL_VMX || ple != null, "ple",
        "is missing; an intel-vmx host needs {gap, window, grow, shrink, max}");
    require(vendor != Vendor.AMD_SVM || pauseFilter != null, "pauseFilter",
        "is missing; an amd-svm host needs {count, threshold, grow, shrink, max}");
    requireFinite(eptRefaultsPerPage, "eptRefaultsPerPage");
    requireFinite(hostHz, "hostHz");
    requireFinite(deviceInterruptsPerSecond, "deviceInterruptsPerSecond");
    require(guestVcpus >= 1, "guestVcpus", "is " + guestVcpus + "; it must be 1 or more");
    require(exitCostNs != null, "exitCostNs", "is missing; give a cost in ns for every reason");
    EnumMap<VmExitReason, Double> costs = new EnumMap<>(VmExitReason.class);
    for (VmExitReason r : VmExitReason.values()) {
      if (r == VmExitReason.ANY) {
        require(!exitCostNs.containsKey(r), "exitCostNs.ANY", "must not be set (ANY is a sum)");
        continue;
      }
      Double c = exitCostNs.get(r);
      require(c != null, "exitCostNs." + r, "is missing; give a cost in ns for every reason");
      requireFinite(c, "exitCostNs." + r);
      costs.put(r, c);
    }
    exitCostNs = Map.copyOf(costs);
  }

  /** The cost of one exit of {@code reason}, ns. */
  public double costNs(VmExitReason reason) {
    return Objects.requireNonNull(exitCostNs.get(reason), () -> "no cost for " + reason);
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new InvalidHostProfileException(field, problem);
    }
  }

  private static void requireFinite(double v, String field) {
    require(Double.isFinite(v) && v >= 0, field, "is " + v + "; it must be a finite number ≥ 0");
  }

  /**
   * Intel PAUSE-loop exiting controls (Intel SDM Vol. 3C, "Instructions That Cause VM Exits
   * Conditionally", PAUSE; KVM module parameters of kvm_intel), TSC ticks.
   *
   * @param gap {@code ple_gap}: the most ticks between two PAUSEs of one loop; 0 disables PLE
   * @param window {@code ple_window}: the base window, ticks a loop may spin before it exits
   * @param grow {@code ple_window_grow}
   * @param shrink {@code ple_window_shrink}
   * @param max {@code ple_window_max}
   */
  public record Ple(long gap, long window, long grow, long shrink, long max) {
    public Ple {
      require(gap >= 0, "ple.gap", "is " + gap + "; it must be ≥ 0 (0 disables PLE)");
      require(window >= 1, "ple.window", "is " + window + "; it must be ≥ 1");
      require(grow >= 0, "ple.grow", "is " + grow + "; it must be ≥ 0");
      require(shrink >= 0, "ple.shrink", "is " + shrink + "; it must be ≥ 0");
      require(max >= window, "ple.max", "is " + max + "; it must be ≥ ple.window " + window);
    }
  }

  /**
   * AMD pause filter (AMD APM Vol. 2, "Pause Intercept Filtering"; KVM module parameters of
   * kvm_amd).
   *
   * @param count {@code pause_filter_count}: PAUSEs allowed before the exit
   * @param threshold {@code pause_filter_thresh}: ticks between two PAUSEs above which the count is
   *     reloaded
   * @param grow {@code pause_filter_count_grow}
   * @param shrink {@code pause_filter_count_shrink}
   * @param max {@code pause_filter_count_max}
   */
  public record PauseFilter(long count, long threshold, long grow, long shrink, long max) {
    public PauseFilter {
      require(count >= 0, "pauseFilter.count", "is " + count + "; it must be ≥ 0 (0 disables)");
      require(threshold >= 0, "pauseFilter.threshold", "is " + threshold + "; it must be ≥ 0");
      require(grow >= 0, "pauseFilter.grow", "is " + grow + "; it must be ≥ 0");
      require(shrink >= 0, "pauseFilter.shrink", "is " + shrink + "; it must be ≥ 0");
      require(max >= count, "pauseFilter.max", "is " + max + "; it must be ≥ pauseFilter.count");
    }
  }
}
