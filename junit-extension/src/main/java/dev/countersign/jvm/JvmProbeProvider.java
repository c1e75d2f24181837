package dev.countersign.jvm;

import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeRequest;
import java.util.List;
import java.util.Optional;

/** Provides {@code alloc-bytes}, {@code gc-count} and {@code gc-time} from the JVM's own beans. */
public final class JvmProbeProvider implements ProbeProvider {

  @Override
  public ProbeOffer open(List<EventSpec> events, ProbeRequest request) {
    List<String> names =
        events.stream().filter(e -> e.kind() == EventKind.JVM).map(EventSpec::name).toList();
    if (names.isEmpty()) {
      return ProbeOffer.none();
    }
    return new ProbeOffer(Optional.of(new JvmProbe(names, request.existingThreads())), List.of());
  }
}
