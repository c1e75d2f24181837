package dev.countersign.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An absolute budget for one counter, per operation: the test fails when the measured value per
 * op exceeds {@link #perOp()}. Judged on the measurements of this run alone, so it works in an IDE
 * with no baseline. Repeatable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(CounterBudgets.class)
public @interface CounterBudget {

  /** A perf event name ({@code instructions}, {@code page-faults}, {@code msr:write_msr}, ...). */
  String event();

  /** The most the event may count per operation, in the event's unit (count, ns, bytes). ≥ 0. */
  double perOp();
}
