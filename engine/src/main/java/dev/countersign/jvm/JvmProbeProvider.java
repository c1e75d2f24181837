package dev.countersign.jvm;

import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.runner.ProbeFamily;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeProviderFactory;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.settings.Settings;
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

  /** Found by {@link java.util.ServiceLoader}: the JVM's management beans. */
  public static final class Factory implements ProbeProviderFactory {
    @Override
    public ProbeFamily family() {
      return ProbeFamily.JVM;
    }

    @Override
    public ProbeProvider create(Settings settings) {
      return new JvmProbeProvider();
    }
  }
}
