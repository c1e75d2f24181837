package dev.countersign.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.events.VmExitReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The public annotation enum and the model's enum stay the same list, name by name. */
class ExitReasonMappingTest {

  @Test
  void bothEnumsHaveTheSameConstantsInTheSameOrder() {
    assertEquals(Arrays.stream(ExitReason.values()).map(Enum::name).toList(),
        Arrays.stream(VmExitReason.values()).map(Enum::name).toList());
  }

  @Test
  void everyReasonMapsToTheModelsReasonOfTheSameNameAndKeepsItsSdmNumber() {
    for (ExitReason r : ExitReason.values()) {
      assertEquals(r.name(), PerfTestSpec.modelReason(r).name());
    }
    // Intel SDM Vol. 3D, Appendix C: the basic exit reasons
    assertEquals(-1, ExitReason.ANY.vmxCode());
    assertEquals(40, ExitReason.PAUSE.vmxCode());
    assertEquals(32, ExitReason.MSR_WRITE.vmxCode());
    assertEquals(52, ExitReason.PREEMPTION_TIMER.vmxCode());
  }
}
