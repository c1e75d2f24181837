package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Test helpers: the built-in profiles, and variants of them. */
final class Profiles {

  private static final HostProfiles BUILT_IN = HostProfiles.load(Path.of("does-not-exist"));

  private Profiles() {}

  static HostProfile get(String name) {
    return BUILT_IN.get(name);
  }

  static HostProfiles builtIn() {
    return BUILT_IN;
  }

  static HostProfile withVcpus(HostProfile p, int vcpus) {
    return new HostProfile(p.name(), p.description(), p.vendor(), p.ple(), p.pauseFilter(),
        p.pauseExits(), p.hltExits(), p.ipiVirtualization(), p.pvSendIpi(), p.pvTlbFlush(),
        p.preemptionTimer(), p.hostHugePages(), p.eptRefaultsPerPage(), p.hostHz(),
        p.deviceInterruptsPerSecond(), vcpus, p.exitCostNs());
  }

  static HostProfile withPages(HostProfile p, boolean huge, double refaults) {
    return new HostProfile(p.name(), p.description(), p.vendor(), p.ple(), p.pauseFilter(),
        p.pauseExits(), p.hltExits(), p.ipiVirtualization(), p.pvSendIpi(), p.pvTlbFlush(),
        p.preemptionTimer(), huge, refaults, p.hostHz(), p.deviceInterruptsPerSecond(),
        p.guestVcpus(), p.exitCostNs());
  }

  static HostProfile withPvSendIpi(HostProfile p, boolean pv) {
    return new HostProfile(p.name(), p.description(), p.vendor(), p.ple(), p.pauseFilter(),
        p.pauseExits(), p.hltExits(), p.ipiVirtualization(), pv, p.pvTlbFlush(),
        p.preemptionTimer(), p.hostHugePages(), p.eptRefaultsPerPage(), p.hostHz(),
        p.deviceInterruptsPerSecond(), p.guestVcpus(), p.exitCostNs());
  }

  static Map<VmExitReason, Double> costs(double each) {
    Map<VmExitReason, Double> m = new EnumMap<>(VmExitReason.class);
    for (VmExitReason r : VmExitReason.values()) {
      if (r != VmExitReason.ANY) {
        m.put(r, each);
      }
    }
    return m;
  }
}
