package dev.countersign.sim.agent;


/**
 * The large state of one simulated core — caches, TLBs, branch predictor and the object-address
 * map, several MiB with the default LLC — built once per core and reused by every iteration, so
 * that a measured iteration allocates none of it: the root machine's core is built with its probe,
 * before any warm-up; a thread's core the first time a thread with that start index is counted.
 */
final class CoreModel {

  final SetAssociativeCache l1;
  final SetAssociativeCache l2;
  final SetAssociativeCache llc;
  final SetAssociativeCache dtlb;
  final SetAssociativeCache stlb;
  final BranchPredictor predictor;
  final IdentityAddressMap addresses = new IdentityAddressMap();

  /** @param model whether caches, TLBs and the predictor are simulated at all */
  CoreModel(CpuProfile profile, boolean model) {
    l1 = model ? new SetAssociativeCache(profile.l1d()) : null;
    l2 = model ? new SetAssociativeCache(profile.l2()) : null;
    llc = model ? new SetAssociativeCache(profile.llc()) : null;
    dtlb = model ? new SetAssociativeCache(profile.dtlb()) : null;
    stlb = model ? new SetAssociativeCache(profile.stlb()) : null;
    predictor = model ? new BranchPredictor(profile.predictorIndexBits()) : null;
  }

  /** Empties everything: the state every iteration starts from. */
  void clear() {
    addresses.clear();
    if (l1 != null) {
      l1.clear();
      l2.clear();
      llc.clear();
      dtlb.clear();
      stlb.clear();
      predictor.clear();
    }
  }
}
