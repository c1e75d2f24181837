package dev.countersign.workloads;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.google.common.hash.Hashing;
import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.GuestActivity;
import dev.countersign.workloads.fidelity.Corpus;
import dev.countersign.workloads.fidelity.FidelityPair;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.SimProbeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Prints the simulated counts of one invocation of each sample workload, one line each ({@code
 * name = [counts]}), for {@link SimulatorForkedDeterminismTest} to compare across JVMs and JDKs.
 * With the argument {@code corpus}, every side of every fidelity pair (held-out ones included) too ({@code
 * corpus:<pair>:before}), for {@link SimulatedCountsFixtureTest}.
 */
public final class SimulatedCountsMain {

  private SimulatedCountsMain() {}

  public static void main(String[] args) {
    if (List.of(args).contains("seedOnly")) {
      printSeeds();
      return;
    }
    List<EventSpec> events = SimProbeProvider.EVENTS.keySet().stream().sorted()
        .map(EventCatalog::parse).toList();
    // threadLocalsBefore=N: N values set on this thread first, and only the workloads that use
    // ThreadLocals (SimulatorForkedDeterminismTest: their counts do not depend on N)
    int before = Stream.of(args).filter(a -> a.startsWith("threadLocalsBefore="))
        .mapToInt(a -> Integer.parseInt(a.substring(a.indexOf('=') + 1))).findFirst().orElse(-1);
    List<ThreadLocal<Integer>> held = new java.util.ArrayList<>();
    for (int i = 0; i < before; i++) {
      ThreadLocal<Integer> t = new ThreadLocal<>();
      t.set(i);
      held.add(t);
    }
    byte[] data = new byte[32 * 1024];
    new Random(9).nextBytes(data);
    int[] ints = new Random(10).ints(8192).toArray();
    Checksum checksum = new Checksum(false);
    RecordEncoder encoder = new RecordEncoder(false);
    PageToucher toucher = new PageToucher(false);
    Map<String, Supplier<Object>> workloads = new LinkedHashMap<>();
    workloads.put("samples", () -> {
      checksum.hash(data);
      encoder.encode(300);
      toucher.touch(32);
      return null;
    });
    workloads.put("sumByLoop", () -> JdkCalls.sumByLoop(ints));
    workloads.put("sumByStream", () -> JdkCalls.sumByStream(ints));
    workloads.put("copyByLoop", () -> JdkCalls.copyByLoop(ints));
    workloads.put("copyByClone", () -> JdkCalls.copyByClone(ints));
    workloads.put("digestOnce", () -> JdkCalls.digest(data, 1));
    workloads.put("digestTwice", () -> JdkCalls.digest(data, 2));
    if (List.of(args).contains("corpus")) {
      for (FidelityPair pair : Stream.of(Corpus.pairs(), Corpus.heldOut(), Corpus.secondHeldOut())
          .flatMap(List::stream).toList()) {
        for (String side : List.of("before", "after")) {
          LongSupplier op = pair.side(side).get();
          workloads.put("corpus:" + pair.name() + ":" + side, op::getAsLong);
        }
      }
    }
    // last, so that they change nothing the others see
    workloads.put("identityHashes", () -> JdkCalls.identityHashes(256));
    workloads.put("randomNames", () -> JdkCalls.randomNames(256));
    workloads.put("threadLocals", () -> JdkCalls.threadLocals(64));
    // a library's clock-seeded hash table: jackson-core's byte parser and its field names
    JsonFactory json = new JsonFactory();
    byte[] document = jsonRecords(50);
    workloads.put("jacksonBytes", () -> {
      int tokens = 0;
      try (JsonParser p = json.createParser(document)) {
        while (p.nextToken() != null) {
          tokens++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return tokens;
    });
    if (before >= 0) {
      workloads.keySet().retainAll(List.of("threadLocals", "jacksonBytes"));
    }
    workloads.forEach((name, w) -> {
      for (int i = 0; i < 3; i++) { // unmeasured warm-up, as the extension does
        w.get();
      }
      SimProbe probe = new SimProbe(events, CpuProfile.zen4Server());
      double[] values = new double[events.size()];
      probe.begin();
      w.get();
      probe.end(values, new double[events.size()]);
      probe.close();
      GuestActivity g = probe.guestActivity().orElseThrow();
      System.out.println(name + " = " + Arrays.toString(values) + " pagesFirstTouched "
          + g.pagesFirstTouched() + " ipis " + g.ipisSent() + " shootdowns " + g.tlbShootdowns()
          + " timers " + g.timerArms() + " idle " + g.idleEntries() + " spins "
          + g.spins());
    });
    printSeeds();
    java.lang.ref.Reference.reachabilityFence(held); // their entries stay in the map
    System.out.println("events = " + events.stream().map(EventSpec::name).toList());
    System.out.println("jdk = " + System.getProperty("java.vendor") + " "
        + System.getProperty("java.runtime.version"));
  }

  /** Not workloads: the seeds {@link dev.countersign.sim.agent.ClockSeeds} fixes, as read here. */
  private static void printSeeds() {
    System.out.println("unseededRandom = " + new Random().nextLong());
    System.out.println("symbolTableSeed = " + ByteQuadsCanonicalizer.createRoot().hashSeed());
    System.out.println("goodFastHash = " + Hashing.goodFastHash(32).hashInt(1));
    System.out.println("threadLocalRandom = "
        + java.util.concurrent.ThreadLocalRandom.current().nextLong());
    System.out.println("splittableRandom = " + new java.util.SplittableRandom().nextLong());
  }

  /** {@code n} small JSON records in an array, UTF-8. */
  private static byte[] jsonRecords(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"n")
          .append(i).append("\",\"v\":").append(i * 1.5).append(",\"ok\":true}");
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
