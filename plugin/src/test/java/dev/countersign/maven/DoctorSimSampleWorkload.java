package dev.countersign.maven;

import dev.countersign.junit.PerfTest;

/** A simulated test naming no metric, for the doctor's scan (never run: see DoctorSampleWorkload). */
final class DoctorSimSampleWorkload {

  @PerfTest(mode = "sim")
  void defaults() {}
}
