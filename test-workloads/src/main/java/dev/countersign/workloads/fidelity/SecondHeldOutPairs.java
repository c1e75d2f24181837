package dev.countersign.workloads.fidelity;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.collections4.bag.HashBag;
import org.apache.commons.collections4.map.LRUMap;
import org.apache.commons.io.IOUtils;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The second held-out set: changes between calls of more libraries nobody here wrote
 * (commons-collections4, commons-text, jsoup, fastutil, Joda-Time, commons-io, all from Maven
 * Central) and the JDK, none of them used elsewhere in the corpus. They were written, and their
 * figures taken with the cost model as it was, before the JIT model of issue 13.5 was built, and
 * not looked at while it was tuned ({@code FidelityFiguresTest} writes them to a file of their own).
 *
 * <p>Longer than 300 lines on purpose: a list of self-contained pairs, reported as one set.
 */
final class SecondHeldOutPairs {

  private SecondHeldOutPairs() {}

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("collections4-hashbag-to-hashmap-merge",
            "commons-collections4 HashBag word counts -> HashMap.merge(word, 1, Integer::sum)",
            () -> {
              String[] w = Inputs.vocabularyText(20000, 90);
              return () -> {
                HashBag<String> bag = new HashBag<>();
                for (String x : w) {
                  bag.add(x);
                }
                long s = 0;
                for (String k : bag.uniqueSet()) {
                  s += (long) bag.getCount(k) * k.hashCode();
                }
                return s;
              };
            },
            () -> {
              String[] w = Inputs.vocabularyText(20000, 90);
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
        new FidelityPair("collections4-lrumap-to-linkedhashmap",
            "commons-collections4 LRUMap(256) as a cache -> an access-ordered LinkedHashMap with"
                + " removeEldestEntry",
            () -> {
              int[] keys = Inputs.ints(20000, 1024, 91);
              return () -> {
                LRUMap<Integer, String> cache = new LRUMap<>(256);
                return lookUps(keys, cache);
              };
            },
            () -> {
              int[] keys = Inputs.ints(20000, 1024, 91);
              return () -> {
                Map<Integer, String> cache = new LinkedHashMap<>(512, 0.75f, true) {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
                    return size() > 256;
                  }
                };
                return lookUps(keys, cache);
              };
            }),
        new FidelityPair("text-substitutor-to-replace",
            "commons-text StringSubstitutor.replace(template) -> String.replace per variable",
            () -> {
              Map<String, String> vars = variables();
              String template = template(vars, 92);
              return () -> new StringSubstitutor(vars).replace(template).hashCode();
            },
            () -> {
              Map<String, String> vars = variables();
              String template = template(vars, 92);
              return () -> {
                String out = template;
                for (Map.Entry<String, String> v : vars.entrySet()) {
                  out = out.replace("${" + v.getKey() + "}", v.getValue());
                }
                return out.hashCode();
              };
            }),
        new FidelityPair("text-levenshtein-to-threshold",
            "commons-text LevenshteinDistance() <= 2 -> new LevenshteinDistance(2) (bounded)",
            () -> {
              String[] dictionary = Inputs.words(400, 93);
              String[] queries = Inputs.words(6, 94);
              LevenshteinDistance unbounded = LevenshteinDistance.getDefaultInstance();
              return () -> {
                long near = 0;
                for (String q : queries) {
                  for (String w : dictionary) {
                    near += unbounded.apply(q, w) <= 2 ? 1 : 0;
                  }
                }
                return near;
              };
            },
            () -> {
              String[] dictionary = Inputs.words(400, 93);
              String[] queries = Inputs.words(6, 94);
              LevenshteinDistance bounded = new LevenshteinDistance(2);
              return () -> {
                long near = 0;
                for (String q : queries) {
                  for (String w : dictionary) {
                    near += bounded.apply(q, w) >= 0 ? 1 : 0;
                  }
                }
                return near;
              };
            }),
        new FidelityPair("text-escapehtml-to-loop",
            "commons-text StringEscapeUtils.escapeHtml4(text) -> a switch over the four characters",
            () -> {
              String text = markup(3000, 95);
              return () -> StringEscapeUtils.escapeHtml4(text).hashCode();
            },
            () -> {
              String text = markup(3000, 95);
              return () -> {
                StringBuilder sb = new StringBuilder(text.length() + 64);
                for (int i = 0; i < text.length(); i++) {
                  char c = text.charAt(i);
                  switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    default -> sb.append(c);
                  }
                }
                return sb.toString().hashCode();
              };
            }),
        new FidelityPair("jsoup-parse-links-to-regex",
            "jsoup Jsoup.parse(html).select(\"a[href]\") -> a precompiled regex over the markup",
            () -> {
              String html = page(300, 96);
              return () -> {
                long s = 0;
                for (Element a : Jsoup.parse(html).select("a[href]")) {
                  s += a.attr("href").hashCode();
                }
                return s;
              };
            },
            () -> {
              String html = page(300, 96);
              Pattern href = Pattern.compile("<a href=\"([^\"]*)\"");
              return () -> {
                long s = 0;
                Matcher m = href.matcher(html);
                while (m.find()) {
                  s += m.group(1).hashCode();
                }
                return s;
              };
            }),
        new FidelityPair("jsoup-select-to-traversal",
            "jsoup doc.select(\"div.item span.price\") -> getElementsByClass and a tag test",
            () -> {
              Document doc = Jsoup.parse(page(300, 97));
              return () -> {
                long s = 0;
                for (Element price : doc.select("div.item span.price")) {
                  s += price.text().hashCode();
                }
                return s;
              };
            },
            () -> {
              Document doc = Jsoup.parse(page(300, 97));
              return () -> {
                long s = 0;
                for (Element item : doc.getElementsByClass("item")) {
                  if (item.normalName().equals("div")) {
                    for (Element price : item.getElementsByClass("price")) {
                      if (price.normalName().equals("span")) {
                        s += price.text().hashCode();
                      }
                    }
                  }
                }
                return s;
              };
            }),
        new FidelityPair("fastutil-hashset-integer-to-intopenhashset",
            "HashSet<Integer> membership -> fastutil IntOpenHashSet",
            () -> {
              int[] members = Inputs.ints(4096, 1 << 20, 98);
              int[] queries = Inputs.ints(20000, 1 << 20, 99);
              Set<Integer> set = new HashSet<>();
              for (int m : members) {
                set.add(m);
              }
              return () -> {
                long found = 0;
                for (int q : queries) {
                  found += set.contains(q) ? q : 1;
                }
                return found;
              };
            },
            () -> {
              int[] members = Inputs.ints(4096, 1 << 20, 98);
              int[] queries = Inputs.ints(20000, 1 << 20, 99);
              IntOpenHashSet set = new IntOpenHashSet();
              for (int m : members) {
                set.add(m);
              }
              return () -> {
                long found = 0;
                for (int q : queries) {
                  found += set.contains(q) ? q : 1;
                }
                return found;
              };
            }),
        new FidelityPair("fastutil-int2int-to-hashmap-merge",
            "fastutil Int2IntOpenHashMap.addTo(k, 1) -> HashMap<Integer, Integer>.merge(k, 1, Integer::sum)",
            () -> {
              int[] keys = Inputs.ints(20000, 5000, 100);
              return () -> {
                Int2IntOpenHashMap counts = new Int2IntOpenHashMap();
                for (int k : keys) {
                  counts.addTo(k, 1);
                }
                long s = 0;
                for (Int2IntMap.Entry e : counts.int2IntEntrySet()) {
                  s += (long) e.getIntKey() * e.getIntValue();
                }
                return s;
              };
            },
            () -> {
              int[] keys = Inputs.ints(20000, 5000, 100);
              return () -> {
                Map<Integer, Integer> counts = new HashMap<>();
                for (int k : keys) {
                  counts.merge(k, 1, Integer::sum);
                }
                long s = 0;
                for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                  s += (long) e.getKey() * e.getValue();
                }
                return s;
              };
            }),
        new FidelityPair("joda-localdate-to-javatime",
            "Joda-Time LocalDate.plusDays(i).getDayOfWeek() -> java.time LocalDate",
            () -> {
              org.joda.time.LocalDate start = new org.joda.time.LocalDate(2024, 1, 1);
              return () -> {
                long s = 0;
                for (int i = 0; i < 2000; i++) {
                  org.joda.time.LocalDate d = start.plusDays(i);
                  s += d.getDayOfWeek() * 31L + d.getDayOfMonth();
                }
                return s;
              };
            },
            () -> {
              java.time.LocalDate start = java.time.LocalDate.of(2024, 1, 1);
              return () -> {
                long s = 0;
                for (int i = 0; i < 2000; i++) {
                  java.time.LocalDate d = start.plusDays(i);
                  s += d.getDayOfWeek().getValue() * 31L + d.getDayOfMonth();
                }
                return s;
              };
            }),
        new FidelityPair("javatime-parse-to-manual",
            "java.time LocalDate.parse(iso) -> Integer.parseInt of the three fields and LocalDate.of",
            () -> {
              String[] dates = isoDates(2000, 101);
              return () -> {
                long s = 0;
                for (String d : dates) {
                  s += java.time.LocalDate.parse(d).toEpochDay();
                }
                return s;
              };
            },
            () -> {
              String[] dates = isoDates(2000, 101);
              return () -> {
                long s = 0;
                for (String d : dates) {
                  s += java.time.LocalDate.of(Integer.parseInt(d, 0, 4, 10),
                      Integer.parseInt(d, 5, 7, 10), Integer.parseInt(d, 8, 10, 10)).toEpochDay();
                }
                return s;
              };
            }),
        new FidelityPair("joda-format-to-javatime-format",
            "Joda-Time DateTimeFormat.forPattern(..).print(t) -> java.time DateTimeFormatter.format(t)",
            () -> {
              long[] seconds = epochSeconds(1000, 102);
              org.joda.time.LocalDateTime[] times = new org.joda.time.LocalDateTime[seconds.length];
              for (int i = 0; i < seconds.length; i++) {
                times[i] = new org.joda.time.LocalDateTime(seconds[i] * 1000,
                    org.joda.time.DateTimeZone.UTC);
              }
              DateTimeFormatter f = DateTimeFormat.forPattern("yyyy-MM-dd HH:mm:ss");
              return () -> {
                long s = 0;
                for (org.joda.time.LocalDateTime t : times) {
                  s += f.print(t).hashCode();
                }
                return s;
              };
            },
            () -> {
              long[] seconds = epochSeconds(1000, 102);
              java.time.LocalDateTime[] times = new java.time.LocalDateTime[seconds.length];
              for (int i = 0; i < seconds.length; i++) {
                times[i] = java.time.LocalDateTime.ofEpochSecond(seconds[i], 0,
                    java.time.ZoneOffset.UTC);
              }
              java.time.format.DateTimeFormatter f =
                  java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
              return () -> {
                long s = 0;
                for (java.time.LocalDateTime t : times) {
                  s += f.format(t).hashCode();
                }
                return s;
              };
            }),
        new FidelityPair("io-ioutils-tostring-to-readallbytes",
            "commons-io IOUtils.toString(in, UTF_8) -> new String(in.readAllBytes(), UTF_8), 16 KiB",
            () -> {
              byte[] text = String.join(" ", Inputs.words(3000, 103)).getBytes(StandardCharsets.UTF_8);
              return () -> read(text, true);
            },
            () -> {
              byte[] text = String.join(" ", Inputs.words(3000, 103)).getBytes(StandardCharsets.UTF_8);
              return () -> read(text, false);
            }));
  }

  /** Hits of a get-or-compute cache over {@code keys}, plus the lengths of the values seen. */
  private static long lookUps(int[] keys, Map<Integer, String> cache) {
    long s = 0;
    for (int k : keys) {
      String v = cache.get(k);
      if (v == null) {
        v = "v" + k;
        cache.put(k, v);
      } else {
        s += 1_000_000;
      }
      s += v.length();
    }
    return s;
  }

  private static long read(byte[] text, boolean commonsIo) {
    try (InputStream in = new ByteArrayInputStream(text)) {
      String s = commonsIo ? IOUtils.toString(in, StandardCharsets.UTF_8)
          : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.hashCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    String[] values = Inputs.words(12, 104);
    for (int i = 0; i < values.length; i++) {
      vars.put("var" + i, values[i]);
    }
    return vars;
  }

  /** Words with a {@code ${varN}} placeholder every fourth word. */
  private static String template(Map<String, String> vars, long seed) {
    String[] words = Inputs.words(1200, seed);
    Random r = new Random(seed + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      sb.append(i % 4 == 3 ? "${var" + r.nextInt(vars.size()) + "}" : words[i]).append(' ');
    }
    return sb.toString();
  }

  /** Words with HTML's special characters among them (ASCII only). */
  private static String markup(int n, long seed) {
    String[] words = Inputs.words(n, seed);
    String[] specials = {" & ", " <b>", "</b> ", " \"", "\" "};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      sb.append(words[i]).append(i % 5 == 0 ? specials[i % specials.length] : " ");
    }
    return sb.toString();
  }

  /** An HTML page of {@code n} items, each a div with a link and a price. */
  private static String page(int n, long seed) {
    String[] words = Inputs.words(n, seed);
    int[] cents = Inputs.ints(n, 100_000, seed + 1);
    StringBuilder sb = new StringBuilder("<!doctype html><html><head><title>Items</title></head>"
        + "<body><h1>Items</h1>\n");
    for (int i = 0; i < n; i++) {
      sb.append("<div class=\"item\"><a href=\"/item/").append(words[i]).append("\">")
          .append(words[i]).append("</a> <span class=\"price\">").append(cents[i] / 100)
          .append('.').append(cents[i] % 100).append("</span></div>\n");
    }
    return sb.append("</body></html>").toString();
  }

  private static String[] isoDates(int n, long seed) {
    int[] days = Inputs.ints(n, 40_000, seed);
    String[] d = new String[n];
    for (int i = 0; i < n; i++) {
      d[i] = java.time.LocalDate.ofEpochDay(days[i]).toString();
    }
    return d;
  }

  private static long[] epochSeconds(int n, long seed) {
    int[] minutes = Inputs.ints(n, 20_000_000, seed);
    long[] s = new long[n];
    for (int i = 0; i < n; i++) {
      s[i] = minutes[i] * 61L;
    }
    return s;
  }
}
