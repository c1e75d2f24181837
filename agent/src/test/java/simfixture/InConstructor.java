package simfixture;

/**
 * {@link Workloads#sumFirst} and {@link Workloads#sumFirstCaught} as constructors, whose blocks
 * each call the runtime (constructors are not counted in locals): the reference for the methods.
 */
public class InConstructor {

  public int s;

  public InConstructor(int[] a, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    this.s = s;
  }

  public InConstructor(int[] a, int n, boolean caught) {
    int s = 0;
    try {
      for (int i = 0; i < n; i++) {
        s += Math.abs(a[i]);
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      s = -s;
    }
    this.s = s;
  }
}
