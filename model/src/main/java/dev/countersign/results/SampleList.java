package dev.countersign.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of samples held as one {@code double[]}: 8 bytes a sample, where a {@code
 * List<Double>} takes about 20 (a boxed value and a reference). Read from a file without a boxed
 * list in between ({@link Deserializer}), so a baseline of 10^6 samples per metric costs 8 MB per
 * metric to hold.
 */
public final class SampleList extends AbstractList<Double> implements RandomAccess {

  private static final SampleList EMPTY = new SampleList(new double[0]);

  private final double[] values;

  private SampleList(double[] values) {
    this.values = values;
  }

  /** {@code list} itself when it is a SampleList, else a copy; null elements are refused. */
  public static SampleList copyOf(List<Double> list) {
    if (list instanceof SampleList s) {
      return s;
    }
    if (list.isEmpty()) {
      return EMPTY;
    }
    double[] v = new double[list.size()];
    int i = 0;
    for (Double d : list) {
      v[i++] = Objects.requireNonNull(d, "a sample");
    }
    return new SampleList(v);
  }

  @Override
  public Double get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }

  /** The values as a fresh array. */
  public double[] toDoubleArray() {
    return values.clone();
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values); // the same as List's hashCode of the boxed values
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampleList s ? Arrays.equals(values, s.values) : super.equals(o);
  }

  /**
   * Reads a JSON array of numbers straight into a SampleList. What a number may be (finite, ≥ 0,
   * ...) is checked before, as the tokens are read ({@link FileValidation}); here anything but a
   * number is refused.
   */
  public static final class Deserializer extends JsonDeserializer<SampleList> {
    @Override
    public SampleList deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.isExpectedStartArrayToken()) {
        return (SampleList) ctxt.handleUnexpectedToken(SampleList.class, p);
      }
      double[] v = new double[16];
      int n = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          return (SampleList) ctxt.handleUnexpectedToken(double.class, p);
        }
        if (n == v.length) {
          v = Arrays.copyOf(v, n * 2);
        }
        v[n++] = p.getDoubleValue();
      }
      return n == 0 ? EMPTY : new SampleList(n == v.length ? v : Arrays.copyOf(v, n));
    }
  }
}
