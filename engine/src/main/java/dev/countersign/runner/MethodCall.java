package dev.countersign.runner;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Workload} that calls a test method, made once per run.
 *
 * <p>Through {@link LambdaMetafactory}, as {@code javac} compiles a method reference: a hidden
 * class, a nestmate of the method's class, whose {@code invoke()} calls the method with a plain
 * {@code invokevirtual}/{@code invokestatic} on the captured target and arguments. No method
 * handle is invoked per call, so nothing changes at any call: a handle held in a field or a
 * lambda's capture (not a constant to the JIT) is "customized" by {@code java.lang.invoke} at its
 * 128th {@code invokeExact} (its {@code CUSTOMIZE_THRESHOLD}: a class spun, about 13 kB
 * allocated), which landed in one measured invocation of every test method called that often,
 * warm-up included. Not {@code Method.invoke} either: on JDK 17 its 16th call generates an
 * accessor class (about 11 kB, docs/perf-engine.md).
 *
 * <p>Where the method's class cannot be reached that way (its package not open to Countersign's
 * module, or {@code Workload} not visible from its class loader), the call goes through a method
 * handle: correct, with that one customization left.
 */
final class MethodCall {

  private MethodCall() {}

  static Workload of(Method method, Object target, Object[] args) throws IllegalAccessException {
    method.setAccessible(true);
    try {
      return direct(method, target, args);
    } catch (ReflectiveOperationException | LambdaConversionException | LinkageError
        | IllegalArgumentException e) {
      return throughHandle(method, target, args);
    }
  }

  /** The method called from a class made by {@link LambdaMetafactory}. */
  static Workload direct(Method method, Object target, Object[] args)
      throws ReflectiveOperationException, LambdaConversionException {
    MethodHandles.Lookup owner =
        MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup());
    MethodHandle impl = owner.unreflect(method);
    MethodType erased = MethodType.methodType(void.class);
    CallSite site = LambdaMetafactory.metafactory(owner, "invoke",
        impl.type().changeReturnType(Workload.class), erased, impl, erased);
    List<Object> captured = new ArrayList<>(args.length + 1);
    if (!Modifier.isStatic(method.getModifiers())) {
      captured.add(target);
    }
    captured.addAll(Arrays.asList(args));
    try {
      return (Workload) site.getTarget().invokeWithArguments(captured);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot make the call of " + method, t);
    }
  }

  /** The method called through a method handle made once. */
  static Workload throughHandle(Method method, Object target, Object[] args)
      throws IllegalAccessException {
    MethodHandle handle = MethodHandles.lookup().unreflect(method);
    if (!Modifier.isStatic(method.getModifiers())) {
      handle = handle.bindTo(target);
    }
    MethodHandle call = handle.asSpreader(Object[].class, args.length)
        .asType(MethodType.methodType(void.class, Object[].class));
    Object[] bound = args.clone();
    return () -> {
      call.invokeExact(bound);
    };
  }
}
