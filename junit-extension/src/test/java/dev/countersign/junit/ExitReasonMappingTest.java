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
  void everyReasonMapsToTheModelsReasonWithTheSameVmxCode() {
    for (ExitReason r : ExitReason.values()) {
      VmExitReason model = PerfTestSpec.modelReason(r);
      assertEquals(r.name(), model.name());
      assertEquals(r.vmxCode(), model.vmxCode(), r.name());
    }
  }
}
