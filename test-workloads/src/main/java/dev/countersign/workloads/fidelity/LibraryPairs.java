package dev.countersign.workloads.fidelity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.util.FastMath;

/** How code uses a dependency: commons-math3 and Jackson (both from Maven Central). */
final class LibraryPairs {

  private LibraryPairs() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("math3-descriptive-to-summary",
            "commons-math3 DescriptiveStatistics (stores values) -> SummaryStatistics (streaming)"
                + " for mean and standard deviation",
            () -> {
              double[] v = Inputs.doubles(4000, 50);
              return () -> {
                DescriptiveStatistics s = new DescriptiveStatistics();
                for (double x : v) {
                  s.addValue(x);
                }
                return (long) (s.getMean() + s.getStandardDeviation());
              };
            },
            () -> {
              double[] v = Inputs.doubles(4000, 50);
              return () -> {
                SummaryStatistics s = new SummaryStatistics();
                for (double x : v) {
                  s.addValue(x);
                }
                return (long) (s.getMean() + s.getStandardDeviation());
              };
            }),
        new FidelityPair("math3-median-to-sort", "commons-math3 Median -> sort a copy and index",
            () -> {
              double[] v = Inputs.doubles(3001, 51);
              return () -> (long) new Median().evaluate(v);
            },
            () -> {
              double[] v = Inputs.doubles(3001, 51);
              return () -> {
                double[] c = v.clone();
                Arrays.sort(c);
                return (long) c[c.length / 2];
              };
            }),
        new FidelityPair("fastmath-pow-to-multiply", "commons-math3 FastMath.pow(x, 3) -> x * x * x",
            () -> {
              double[] v = Inputs.doubles(4000, 52);
              return () -> {
                double s = 0;
                for (double x : v) {
                  s += FastMath.pow(x, 3);
                }
                return (long) s;
              };
            },
            () -> {
              double[] v = Inputs.doubles(4000, 52);
              return () -> {
                double s = 0;
                for (double x : v) {
                  s += x * x * x;
                }
                return (long) s;
              };
            }),
        new FidelityPair("jackson-tree-to-streaming",
            "Jackson ObjectMapper.readTree -> JsonParser tokens, summing one field",
            () -> {
              String json = orders();
              return () -> {
                try {
                  long s = 0;
                  for (JsonNode o : MAPPER.readTree(json)) {
                    s += o.get("qty").asLong();
                  }
                  return s;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              };
            },
            () -> {
              String json = orders();
              return () -> {
                try (JsonParser p = FACTORY.createParser(json)) {
                  long s = 0;
                  for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME && p.currentName().equals("qty")) {
                      p.nextToken();
                      s += p.getLongValue();
                    }
                  }
                  return s;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              };
            }));
  }

  private static String orders() {
    String[] w = Inputs.words(300, 53);
    int[] q = Inputs.ints(300, 100, 54);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < w.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"item\":\"").append(w[i])
          .append("\",\"qty\":").append(q[i]).append(",\"price\":").append(q[i] * 1.25)
          .append('}');
    }
    return b.append(']').toString();
  }
}
