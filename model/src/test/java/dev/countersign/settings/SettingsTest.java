package dev.countersign.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static Settings given(String key, String value) {
    return Settings.of(Map.of(key, value)::get, "JUnit configuration parameter");
  }

  @Test
  void absentOrBlankValuesGiveTheDefaults() {
    Settings none = Settings.none();
    assertEquals(Path.of("target/countersign/results"), none.resultsDir());
    assertEquals(0, none.maxTimeSeconds());
    assertEquals(5.0, none.threshold());
    assertEquals(List.of(), none.vmexitHosts());
    assertEquals(Path.of("src/test/countersign/hosts"), none.hostsDir());
    assertEquals(0, none.forkIndex());
    assertTrue(none.simProfile().isEmpty());
    assertEquals(7, given(Settings.ITERATIONS, "  ").integer(Settings.ITERATIONS, 7));
  }

  @Test
  void valuesAreParsedByType() {
    assertEquals(12, given(Settings.ITERATIONS, " 12 ").integer(Settings.ITERATIONS, 7));
    assertEquals(2.5, given(Settings.THRESHOLD, "2.5").threshold());
    assertEquals(List.of("a", "b"), given(Settings.VMEXIT_HOSTS, "a, ,b ").vmexitHosts());
    assertFalse(given(Settings.SKIP, "FALSE").flag(Settings.SKIP, true));
    assertEquals(30, given(Settings.MAX_TIME, "30").maxTimeSeconds());
    assertEquals(30, given(Settings.MAX_TIME, "30s").maxTimeSeconds());
    assertEquals(0.5, given(Settings.MAX_TIME, "500ms").maxTimeSeconds());
    assertEquals(120, given(Settings.MAX_TIME, "2m").maxTimeSeconds());
  }

  /** Time-based warm-up is the default of tests that measure time; a set value wins, 0 included. */
  @Test
  void warmUpAndMeasuringTimeDefaultOnlyForTestsThatMeasureTime() {
    assertEquals(0.5, Settings.none().warmupSeconds(true));
    assertEquals(0, Settings.none().warmupSeconds(false));
    assertEquals(0, Settings.none().warmupSeconds());
    assertEquals(0, given(Settings.WARMUP_TIME, "0").warmupSeconds(true));
    assertEquals(1.5, given(Settings.WARMUP_TIME, "1500ms").warmupSeconds(true));
    assertEquals(1.5, given(Settings.WARMUP_TIME, "1.5s").warmupSeconds(false));
    assertThrows(InvalidSettingException.class,
        () -> given(Settings.WARMUP_TIME, "long").warmupSeconds(true));
    assertEquals(0.2, Settings.none().measureSeconds(true));
    assertEquals(0, Settings.none().measureSeconds(false));
    assertEquals(0, given(Settings.MEASURE_TIME, "0").measureSeconds(true));
    assertEquals(1, given(Settings.MEASURE_TIME, "1s").measureSeconds(false));
  }

  @Test
  void aBadValueNamesKeyValueOriginAndWhatToGive() {
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> given(Settings.MAX_TIME, "soon").maxTimeSeconds());
    assertEquals("JUnit configuration parameter countersign.maxTime='soon' is not a duration;"
        + " give seconds ≥ 0 such as 30, 30s, 500ms or 2m (0 = off)", e.getMessage());
    assertThrows(InvalidSettingException.class, () -> given(Settings.MAX_TIME, "-1").maxTimeSeconds());
    assertTrue(assertThrows(InvalidSettingException.class,
        () -> given(Settings.THRESHOLD, "five").threshold()).getMessage()
        .contains("countersign.threshold='five' is not a finite number ≥ 0 (default 5.0)"));
    assertTrue(assertThrows(InvalidSettingException.class,
        () -> given(Settings.ITERATIONS, "lots").integer(Settings.ITERATIONS, 1)).getMessage()
        .contains("countersign.iterations='lots' is not a whole number"));
    assertThrows(InvalidSettingException.class, () -> given(Settings.SKIP, "yes").flag(Settings.SKIP, false));
  }

  /** KEYS is what forks forward and docs/settings.md lists: it must hold every key constant. */
  @Test
  void keysListsEveryKeyConstantOnce() throws IllegalAccessException {
    List<String> constants = new ArrayList<>();
    for (Field f : Settings.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
          && ((String) f.get(null)).startsWith("countersign.")) {
        constants.add((String) f.get(null));
      }
    }
    assertEquals(new HashSet<>(constants), new HashSet<>(Settings.KEYS));
    assertEquals(Settings.KEYS.size(), new HashSet<>(Settings.KEYS).size());
  }
}
