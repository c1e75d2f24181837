package dev.countersign.workloads.fidelity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** String building, formatting and regular expressions. */
final class StringPairs {

  private StringPairs() {}

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("string-concat-loop-to-builder", "s += x in a loop -> StringBuilder",
            () -> {
              String[] w = Inputs.words(200, 10);
              return () -> {
                String s = "";
                for (String x : w) {
                  s += x;
                }
                return s.length();
              };
            },
            () -> {
              String[] w = Inputs.words(200, 10);
              return () -> {
                StringBuilder b = new StringBuilder();
                for (String x : w) {
                  b.append(x);
                }
                return b.length();
              };
            }),
        new FidelityPair("string-format-to-concat", "String.format(\"%s=%d;\") -> concatenation",
            () -> {
              String[] w = Inputs.words(200, 11);
              return () -> {
                long n = 0;
                for (int i = 0; i < w.length; i++) {
                  n += String.format("%s=%d;", w[i], i).length();
                }
                return n;
              };
            },
            () -> {
              String[] w = Inputs.words(200, 11);
              return () -> {
                long n = 0;
                for (int i = 0; i < w.length; i++) {
                  n += (w[i] + "=" + i + ";").length();
                }
                return n;
              };
            }),
        new FidelityPair("regex-recompiled-to-precompiled",
            "String.matches(regex) per call -> a precompiled Pattern",
            () -> {
              String[] w = Inputs.numbersAndWords(300, 14);
              return () -> {
                long n = 0;
                for (String x : w) {
                  n += x.matches("[0-9]+") ? 1 : 0;
                }
                return n;
              };
            },
            () -> {
              String[] w = Inputs.numbersAndWords(300, 14);
              return () -> countDigitsOnly(w);
            }),
        new FidelityPair("regex-to-char-loop", "a precompiled [0-9]+ -> a Character.isDigit loop",
            () -> {
              String[] w = Inputs.numbersAndWords(300, 14);
              return () -> countDigitsOnly(w);
            },
            () -> {
              String[] w = Inputs.numbersAndWords(300, 14);
              return () -> {
                long n = 0;
                for (String x : w) {
                  n += allDigits(x) ? 1 : 0;
                }
                return n;
              };
            }),
        new FidelityPair("split-regex-to-indexof", "split(\"\\\\s*,\\\\s*\") -> an indexOf loop",
            () -> {
              String line = String.join(" , ", Inputs.words(300, 12));
              return () -> {
                long n = 0;
                for (String f : COMMA.split(line)) {
                  n += f.length();
                }
                return n;
              };
            },
            () -> {
              String line = String.join(" , ", Inputs.words(300, 12));
              return () -> {
                long n = 0;
                int from = 0;
                while (true) {
                  int comma = line.indexOf(',', from);
                  int end = comma < 0 ? line.length() : comma;
                  n += line.substring(from, end).strip().length();
                  if (comma < 0) {
                    return n;
                  }
                  from = comma + 1;
                }
              };
            }),
        new FidelityPair("lowercase-equals-to-equalsignorecase",
            "a.toLowerCase().equals(b) -> a.equalsIgnoreCase(b)",
            () -> {
              String[] w = mixedCase();
              return () -> {
                long n = 0;
                for (String x : w) {
                  n += x.toLowerCase(Locale.ROOT).equals("banana") ? 1 : 0;
                }
                return n;
              };
            },
            () -> {
              String[] w = mixedCase();
              return () -> {
                long n = 0;
                for (String x : w) {
                  n += x.equalsIgnoreCase("banana") ? 1 : 0;
                }
                return n;
              };
            }),
        new FidelityPair("string-chars-stream-to-loop", "s.chars().filter(..).count() -> a loop",
            () -> {
              String s = String.join("", Inputs.words(400, 13));
              return () -> s.chars().filter(c -> c == 'e').count();
            },
            () -> {
              String s = String.join("", Inputs.words(400, 13));
              return () -> {
                long n = 0;
                for (int i = 0; i < s.length(); i++) {
                  n += s.charAt(i) == 'e' ? 1 : 0;
                }
                return n;
              };
            }));
  }

  /** How many of {@code w} match the precompiled {@code [0-9]+}. */
  private static long countDigitsOnly(String[] w) {
    long n = 0;
    for (String x : w) {
      n += DIGITS.matcher(x).matches() ? 1 : 0;
    }
    return n;
  }

  private static boolean allDigits(String x) {
    if (x.isEmpty()) {
      return false;
    }
    for (int i = 0; i < x.length(); i++) {
      if (!Character.isDigit(x.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String[] mixedCase() {
    String[] w = Inputs.words(500, 16);
    for (int i = 0; i < w.length; i += 7) {
      w[i] = i % 2 == 0 ? "BaNaNa" : "banana";
    }
    return w;
  }
}
