package dev.countersign.sim.agent;

import java.util.Arrays;

/**
 * The field-access sites of instrumented code, numbered as they are instrumented. Each site
 * resolves its field's synthetic offset on first execution for the receiver's class and keeps it
 * (a monomorphic inline cache, re-resolved when another class comes by).
 */
final class FieldSites {

  private static volatile Site[] sites = new Site[256];
  private static int count;

  private FieldSites() {}

  /** Registers a site; returns its number. */
  static synchronized int register(String owner, String name) {
    if (count == sites.length) {
      sites = Arrays.copyOf(sites, count * 2);
    }
    Site[] s = sites;
    s[count] = new Site(owner, name);
    return count++;
  }

  static int offset(int site, Class<?> type) {
    Site s = sites[site];
    Resolved r = s.resolved;
    if (r == null || r.type != type) {
      r = new Resolved(type, ObjectShapes.fieldOffset(type, s.owner, s.name));
      s.resolved = r;
    }
    return r.offset;
  }

  private static final class Site {
    final String owner;
    final String name;
    volatile Resolved resolved;

    Site(String owner, String name) {
      this.owner = owner;
      this.name = name;
    }
  }

  private record Resolved(Class<?> type, int offset) {}
}
