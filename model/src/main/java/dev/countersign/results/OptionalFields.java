package dev.countersign.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Fields added to the file formats after files were committed with them absent: an absent one is
 * read as null ("not recorded"), which the reader of each then interprets (see {@link
 * dev.countersign.check.MetricIdentity}). Every other field stays required (the mapper fails on a
 * missing creator property). An object is recognised by a field it always had.
 */
final class OptionalFields {

  /** A field that marks the kind of object, and the fields that kind may lack. */
  private static final Map<String, List<String>> BY_MARKER = Map.of(
      // MetricSeries: whether kernel mode was counted; the VM-exit feed
      "perOp", List.of("kernel", "feed"),
      // RunConfiguration: the other JVM agents present
      "opsPerInvocation", List.of("agents"));

  private OptionalFields() {}

  /** Puts an explicit null for each absent optional field, anywhere in the tree. */
  static void fill(JsonNode node) {
    if (node instanceof ObjectNode object) {
      BY_MARKER.forEach((marker, optional) -> {
        if (object.has(marker)) {
          optional.forEach(f -> {
            if (!object.has(f)) {
              object.putNull(f);
            }
          });
        }
      });
    }
    if (node != null && node.isContainerNode()) {
      node.forEach(OptionalFields::fill);
    }
  }
}
