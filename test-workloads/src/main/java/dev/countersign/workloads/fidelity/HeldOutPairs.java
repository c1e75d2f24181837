package dev.countersign.workloads.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Multiset;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.lang3.ArrayUtils;
import org.apache.commons.lang3.StringUtils;

/**
 * The held-out pairs: changes between calls of libraries nobody here wrote (Guava, commons-lang3,
 * commons-codec, Jackson, all from Maven Central) and the JDK, where most of the work of both
 * sides is the libraries' and the JDK's bytecode. They were written before the cost model was
 * tuned on the other pairs and are reported separately ({@code FidelityFiguresTest}): their
 * figures are the check that the model's changes did not only fit the tuning pairs.
 *
 * <p>Longer than 300 lines on purpose: a list of self-contained pairs, reported as one set.
 */
final class HeldOutPairs {

  private HeldOutPairs() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("guava-joiner-to-string-join",
            "Guava Joiner.on(',').join(words) -> String.join(\",\", words)",
            () -> {
              List<String> w = List.of(Inputs.words(2000, 70));
              Joiner joiner = Joiner.on(',');
              return () -> joiner.join(w).hashCode();
            },
            () -> {
              List<String> w = List.of(Inputs.words(2000, 70));
              return () -> String.join(",", w).hashCode();
            }),
        new FidelityPair("guava-splitter-to-string-split",
            "Guava Splitter.on(',').splitToList(line) -> line.split(\",\")",
            () -> {
              String line = String.join(",", Inputs.words(2000, 71));
              Splitter splitter = Splitter.on(',');
              return () -> {
                long s = 0;
                for (String part : splitter.splitToList(line)) {
                  s += part.length() + 1;
                }
                return s;
              };
            },
            () -> {
              String line = String.join(",", Inputs.words(2000, 71));
              return () -> {
                long s = 0;
                for (String part : line.split(",")) {
                  s += part.length() + 1;
                }
                return s;
              };
            }),
        new FidelityPair("guava-immutablelist-to-arraylist-copy",
            "Guava ImmutableList.copyOf(list) -> new ArrayList<>(list), 100 copies",
            () -> {
              List<String> w = new ArrayList<>(List.of(Inputs.words(1000, 72)));
              return () -> {
                long s = 0;
                for (int i = 0; i < 100; i++) {
                  List<String> c = ImmutableList.copyOf(w);
                  s += c.size() + c.get(i).length();
                }
                return s;
              };
            },
            () -> {
              List<String> w = new ArrayList<>(List.of(Inputs.words(1000, 72)));
              return () -> {
                long s = 0;
                for (int i = 0; i < 100; i++) {
                  List<String> c = new ArrayList<>(w);
                  s += c.size() + c.get(i).length();
                }
                return s;
              };
            }),
        new FidelityPair("guava-multiset-to-hashmap-merge",
            "Guava HashMultiset word counts -> HashMap.merge(word, 1, Integer::sum)",
            () -> {
              String[] w = Inputs.vocabularyText(20000, 73);
              return () -> {
                Multiset<String> counts = HashMultiset.create();
                for (String x : w) {
                  counts.add(x);
                }
                long s = 0;
                for (Multiset.Entry<String> e : counts.entrySet()) {
                  s += (long) e.getCount() * e.getElement().hashCode();
                }
                return s;
              };
            },
            () -> {
              String[] w = Inputs.vocabularyText(20000, 73);
              return () -> {
                Map<String, Integer> counts = new HashMap<>();
                for (String x : w) {
                  counts.merge(x, 1, Integer::sum);
                }
                long s = 0;
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                  s += (long) e.getValue() * e.getKey().hashCode();
                }
                return s;
              };
            }),
        new FidelityPair("guava-murmur3-to-sha256",
            "Guava Hashing.murmur3_128() -> Hashing.sha256() of 16 KiB",
            () -> {
              byte[] b = Inputs.bytes(16384, 74);
              return () -> Hashing.murmur3_128().hashBytes(b).asLong();
            },
            () -> {
              byte[] b = Inputs.bytes(16384, 74);
              return () -> Hashing.sha256().hashBytes(b).asLong();
            }),
        new FidelityPair("lang3-split-to-regex-split",
            "commons-lang3 StringUtils.split(line, ',') -> line.split(\",+\") (a regex)",
            () -> {
              String line = String.join(",", Inputs.words(2000, 75));
              return () -> {
                long s = 0;
                for (String part : StringUtils.split(line, ',')) {
                  s += part.length() + 1;
                }
                return s;
              };
            },
            () -> {
              String line = String.join(",", Inputs.words(2000, 75));
              return () -> {
                long s = 0;
                for (String part : line.split(",+")) {
                  s += part.length() + 1;
                }
                return s;
              };
            }),
        new FidelityPair("lang3-replace-to-string-replace",
            "commons-lang3 StringUtils.replace(text, \"ab\", \"xy\") -> text.replace(\"ab\", \"xy\")",
            () -> {
              String text = String.join(" ", Inputs.words(5000, 76));
              return () -> StringUtils.replace(text, "ab", "xy").hashCode();
            },
            () -> {
              String text = String.join(" ", Inputs.words(5000, 76));
              return () -> text.replace("ab", "xy").hashCode();
            }),
        new FidelityPair("lang3-leftpad-to-format",
            "commons-lang3 StringUtils.leftPad(Integer.toString(x), 8, '0') -> String.format(\"%08d\", x)",
            () -> {
              int[] v = Inputs.ints(2000, 100_000_000, 77);
              return () -> {
                long s = 0;
                for (int x : v) {
                  s += StringUtils.leftPad(Integer.toString(x), 8, '0').hashCode();
                }
                return s;
              };
            },
            () -> {
              int[] v = Inputs.ints(2000, 100_000_000, 77);
              return () -> {
                long s = 0;
                for (int x : v) {
                  s += String.format("%08d", x).hashCode();
                }
                return s;
              };
            }),
        new FidelityPair("lang3-arrayutils-contains-to-binarysearch",
            "commons-lang3 ArrayUtils.contains(sorted, x) -> Arrays.binarySearch(sorted, x) >= 0",
            () -> {
              int[] sorted = sortedInts(2048, 78);
              int[] queries = Inputs.ints(1024, 40_000, 79);
              return () -> {
                long found = 0;
                for (int q : queries) {
                  found += ArrayUtils.contains(sorted, q) ? 1 : 0;
                }
                return found;
              };
            },
            () -> {
              int[] sorted = sortedInts(2048, 78);
              int[] queries = Inputs.ints(1024, 40_000, 79);
              return () -> {
                long found = 0;
                for (int q : queries) {
                  found += Arrays.binarySearch(sorted, q) >= 0 ? 1 : 0;
                }
                return found;
              };
            }),
        new FidelityPair("codec-hex-to-format",
            "commons-codec Hex.encodeHexString(bytes) -> String.format(\"%02x\") per byte",
            () -> {
              byte[] b = Inputs.bytes(1024, 80);
              return () -> Hex.encodeHexString(b).hashCode();
            },
            () -> {
              byte[] b = Inputs.bytes(1024, 80);
              return () -> {
                StringBuilder sb = new StringBuilder(2 * b.length);
                for (byte x : b) {
                  sb.append(String.format("%02x", x));
                }
                return sb.toString().hashCode();
              };
            }),
        new FidelityPair("codec-base64-to-jdk-base64",
            "commons-codec Base64.encodeBase64String -> java.util.Base64 encoder, 16 KiB",
            () -> {
              byte[] b = Inputs.bytes(16384, 81);
              return () -> org.apache.commons.codec.binary.Base64.encodeBase64String(b).hashCode();
            },
            () -> {
              byte[] b = Inputs.bytes(16384, 81);
              return () -> java.util.Base64.getEncoder().encodeToString(b).hashCode();
            }),
        new FidelityPair("codec-sha1hex-to-sha256hex",
            "commons-codec DigestUtils.sha1Hex -> sha256Hex of 16 KiB",
            () -> {
              byte[] b = Inputs.bytes(16384, 82);
              return () -> DigestUtils.sha1Hex(b).hashCode();
            },
            () -> {
              byte[] b = Inputs.bytes(16384, 82);
              return () -> DigestUtils.sha256Hex(b).hashCode();
            }),
        new FidelityPair("jackson-map-to-tree",
            "Jackson readValue(json, List.class) (maps) -> readTree(json), summing one field",
            () -> {
              String json = records(300, 83);
              return () -> {
                try {
                  long s = 0;
                  for (Object o : MAPPER.readValue(json, List.class)) {
                    s += ((Number) ((Map<?, ?>) o).get("id")).longValue();
                  }
                  return s;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              };
            },
            () -> {
              String json = records(300, 83);
              return () -> {
                try {
                  long s = 0;
                  for (JsonNode n : MAPPER.readTree(json)) {
                    s += n.get("id").asLong();
                  }
                  return s;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              };
            }));
  }

  private static int[] sortedInts(int n, long seed) {
    int[] a = Inputs.ints(n, 40_000, seed);
    Arrays.sort(a);
    return a;
  }

  /** A JSON array of {@code n} records {"id":..,"name":..,"score":..}. */
  private static String records(int n, long seed) {
    String[] names = Inputs.words(n, seed);
    double[] scores = Inputs.doubles(n, seed + 1);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i * 7 + 3).append(",\"name\":\"")
          .append(names[i]).append("\",\"score\":").append(scores[i]).append('}');
    }
    return sb.append(']').toString();
  }
}
