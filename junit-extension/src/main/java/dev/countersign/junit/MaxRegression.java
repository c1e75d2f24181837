package dev.countersign.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest increase of one metric over its committed baseline that is not a regression, in
 * percent. Judged by the {@code check} goal against {@code src/test/countersign/}. Metrics without
 * one are judged against {@code countersign.threshold}. Repeatable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(MaxRegressions.class)
public @interface MaxRegression {

  /**
   * A metric name: a perf event name, or a VM-exit metric {@code vmexit.<host>.<REASON>} (for
   * example {@code vmexit.intel-kvm-default.MSR_WRITE}).
   */
  String event();

  /** Largest tolerated increase, percent of the baseline. ≥ 0. */
  double percent();
}
