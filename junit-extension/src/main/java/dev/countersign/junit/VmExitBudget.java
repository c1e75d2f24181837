package dev.countersign.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A budget for KVM VM exits of one reason on one host profile, as estimated by the VM-exit model
 * from the guest-side causes measured in the run. Give either {@link #perOp()} or {@link #total()}.
 * Repeatable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(VmExitBudgets.class)
public @interface VmExitBudget {

  /** The exit reason; {@link ExitReason#ANY} sums all reasons. */
  ExitReason reason();

  /** Most exits per operation; negative (the default) means not set. */
  double perOp() default -1;

  /** Most exits per measured invocation; negative (the default) means not set. */
  double total() default -1;

  /** Host profile name; default {@code intel-kvm-default}. */
  String host() default "intel-kvm-default";
}
