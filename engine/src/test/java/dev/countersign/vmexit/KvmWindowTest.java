package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code __grow_ple_window} / {@code __shrink_ple_window}, arch/x86/kvm/x86.h. */
class KvmWindowTest {

  @Test
  void growMultipliesWhenTheModifierIsBelowTheBase() {
    assertEquals(8192, KvmWindow.grow(4096, 4096, 2, 4294967295L));
    assertEquals(6000, KvmWindow.grow(3000, 3000, 2, 65535));
  }

  @Test
  void growAddsWhenTheModifierIsAtLeastTheBase() {
    assertEquals(4096 + 5000, KvmWindow.grow(4096, 4096, 5000, 4294967295L));
  }

  @Test
  void growIsClampedToTheMaximum() {
    assertEquals(65535, KvmWindow.grow(48000, 3000, 2, 65535));
    assertEquals(Long.MAX_VALUE, KvmWindow.grow(Long.MAX_VALUE / 2 + 1, 4, 3, Long.MAX_VALUE));
  }

  @Test
  void aModifierBelowOneResetsToTheBase() {
    assertEquals(4096, KvmWindow.grow(16384, 4096, 0, 4294967295L));
    assertEquals(4096, KvmWindow.shrink(16384, 4096, 0));
  }

  @Test
  void shrinkDividesOrSubtractsAndNeverGoesBelowTheBase() {
    assertEquals(8192, KvmWindow.shrink(16384, 4096, 2));
    assertEquals(16384 - 5000, KvmWindow.shrink(16384, 4096, 5000));
    assertEquals(4096, KvmWindow.shrink(6000, 4096, 2));
  }
}
